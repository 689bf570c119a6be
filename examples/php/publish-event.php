<?php
// Publishes a landing page for a showroom event and reports the link on the visit task.
// Uses the CRest library (crest.php + settings.php from the local app install, not kept here).
declare(strict_types=1);

require_once __DIR__ . '/crest.php';

function restOrFail(string $method, array $params = []): mixed
{
    $response = CRest::call($method, $params);
    if (isset($response['error'])) {
        throw new RuntimeException($method . ': ' . ($response['error_description'] ?? $response['error']));
    }
    return $response['result'];
}

function showroomSiteId(): int
{
    $sites = restOrFail('landing.site.getList', [
        'params' => ['select' => ['ID', 'TITLE'], 'filter' => ['=TITLE' => 'Showroom']],
    ]);
    if (!$sites) {
        throw new RuntimeException('Create a site called "Showroom" first.');
    }
    return (int) $sites[0]['ID'];
}

function publishEventPage(string $title, int $taskId): string
{
    $siteId = showroomSiteId();
    $pageId = restOrFail('landing.landing.add', [
        'fields' => ['TITLE' => $title, 'SITE_ID' => $siteId, 'CODE' => 'event-' . $taskId],
    ]);
    restOrFail('landing.landing.publication', ['lid' => $pageId]);

    $page = restOrFail('landing.landing.getList', [
        'params' => ['select' => ['ID', 'CODE'], 'filter' => ['ID' => $pageId]],
    ]);
    $link = '/pub/site/' . $siteId . '/' . $page[0]['CODE'] . '/';

    CRest::call('task.comentitem.add', [$taskId, ['POST_MESSAGE' => 'Event page published: ' . $link]]);
    return $link;
}

$taskId = (int) ($_POST['task_id'] ?? 0);
$title = trim((string) ($_POST['title'] ?? ''));
if ($taskId <= 0 || $title === '') {
    http_response_code(400);
    echo 'task_id and title are required';
    exit;
}
echo publishEventPage($title, $taskId);
