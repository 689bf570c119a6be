import { strict as assert } from 'node:assert';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { russianUrl } from '../../../server/src/catalogue/links';
import type { ExecutorClass, MethodInfo, ScopeRequirement } from '../../../server/src/catalogue/types';

// Facts checked by hand against the documentation pages (en edition of
// 2026-08-21). Each row names the page it was read from.
interface Fact {
  method: string;
  version?: 2 | 3;
  page: string;
  requirement?: ScopeRequirement;
  whoClass?: ExecutorClass;
  who?: RegExp;
  deprecated?: boolean;
  replacement?: string;
  appOnly?: boolean;
  adminConfirm?: boolean;
  params?: string[];
  scopeNote?: RegExp;
  name?: string;
}

const scope = (s: string): ScopeRequirement => ({ kind: 'scope', scope: s });
const basic: ScopeRequirement = { kind: 'basic' };

const facts: Fact[] = [
  // CRM
  {
    method: 'crm.lead.add',
    page: 'crm/leads/crm-lead-add',
    requirement: scope('crm'),
    whoClass: 'permission',
    who: /permission to create leads/,
    deprecated: true,
    replacement: 'crm.item.add',
    params: ['fields', 'params'],
  },
  { method: 'crm.deal.list', page: 'crm/deals/crm-deal-list', requirement: scope('crm'), who: /"read" access permission for deals/ },
  { method: 'crm.item.add', page: 'crm/universal/crm-item-add', requirement: scope('crm'), deprecated: false },
  { method: 'crm.activity.type.add', page: 'crm/timeline/activities/types/crm-activity-type-add', whoClass: 'admin', appOnly: true, params: ['fields*'] },
  { method: 'crm.deal.recurring.get', page: 'crm/deals/recurring-deals/crm-deal-recurring-get', params: ['id*'] },
  // heading without the method name
  { method: 'crm.requisite.fields', page: 'crm/requisites/universal/crm-requisite-fields', requirement: scope('crm'), whoClass: 'any' },
  { method: 'crm.item.fields', page: 'crm/universal/crm-item-fields', requirement: scope('crm') },
  // heading typos
  { method: 'crm.automation.trigger.delete', page: 'crm/automation/triggers/crm-automation-trigger-delete', appOnly: true },
  { method: 'department.delete', page: 'departments/department-delete', requirement: scope('department') },
  { method: 'humanresources.employee.search', version: 3, page: 'departments/employee/humanresources-employee-search', requirement: scope('humanresources') },
  // case drift between editions; documented case kept
  { method: 'sale.order.getfields', page: 'sale/order/sale-order-get-fields', name: 'sale.order.getFields', requirement: scope('sale') },
  {
    method: 'task.item.addtofavorite',
    page: 'tasks/deprecated/task-item/task-item-add-to-favourite',
    name: 'task.item.addtofavorite',
    requirement: scope('task'),
  },
  // tasks in both versions, different scopes
  { method: 'tasks.task.add', version: 2, page: 'tasks/tasks-task-add', requirement: scope('task'), whoClass: 'any' },
  { method: 'tasks.task.add', version: 3, page: 'tasks/tasks-task-add-rest-v3', requirement: scope('tasks'), whoClass: 'any' },
  { method: 'tasks.task.get', version: 3, page: 'tasks/tasks-task-get-rest-v3', requirement: scope('tasks'), params: ['id*', 'select'] },
  { method: 'tasks.task.chat.message.send', version: 3, page: 'tasks/tasks-task-chat-message-send', requirement: scope('tasks') },
  // other REST 3.0 sections
  { method: 'mail.mailbox.list', version: 3, page: 'mail/mailbox/mail-mailbox-list', requirement: scope('mail') },
  { method: 'note.document.get', version: 3, page: 'note/document/note-document-get', requirement: scope('note') },
  { method: 'main.eventlog.list', version: 3, page: 'event-log/main-eventlog-list', requirement: scope('main'), whoClass: 'admin' },
  { method: 'timeman.record.list', version: 3, page: 'timeman/record/timeman-record-list', requirement: scope('timeman') },
  { method: 'humanresources.node.get', version: 3, page: 'departments/node/humanresources-node-get', requirement: scope('humanresources') },
  // alternatives and combinations
  {
    method: 'user.get',
    page: 'user/user-get',
    requirement: { kind: 'anyOf', scopes: ['user', 'user_brief', 'user_basic'] },
    params: ['sort', 'order', 'FILTER', 'ADMIN_MODE', 'select', 'IMAGE_RESIZE', 'start'],
  },
  { method: 'user.add', page: 'user/user-add', requirement: scope('user'), whoClass: 'admin' },
  { method: 'sign.b2e.document.send', page: 'sign/sign-b2e-document-send', requirement: { kind: 'allOf', scopes: ['sign.b2e', 'crm'] }, appOnly: true },
  { method: 'sign.b2e.mysafe.tail', page: 'sign/sign-b2e-mysafe-tail', requirement: scope('sign.b2e') },
  {
    method: 'voximplant.infocall.startwithtext',
    page: 'telephony/voximplant/voximplant-infocall-start-with-text',
    requirement: { kind: 'anyOf', scopes: ['telephony', 'call'] },
  },
  {
    method: 'imopenlines.bot.session.finish',
    page: 'imopenlines/openlines/chat-bots/imopenlines-bot-session-finish',
    requirement: { kind: 'anyOf', scopes: ['imopenlines', 'imbot'] },
  },
  // Russian edition decided the scope (overrides.json)
  {
    method: 'sale.delivery.add',
    page: 'sale/delivery/delivery/sale-delivery-add',
    requirement: scope('delivery'),
    who: /CRM administrator/,
    whoClass: 'permission',
  },
  { method: 'sale.delivery.handler.list', page: 'sale/delivery/handler/sale-delivery-handler-list', requirement: scope('delivery') },
  // qualifiers inside Scope lines
  { method: 'userfieldconfig.add', page: 'crm/universal/userfieldconfig/userfieldconfig-add', requirement: scope('userfieldconfig'), scopeNote: /moduleId/ },
  { method: 'placement.bind', page: 'widgets/placement-bind', requirement: scope('placement'), scopeNote: /depending on the placement/, whoClass: 'admin' },
  // multi-line who-can-execute
  {
    method: 'catalog.document.deleteList',
    page: 'catalog/document/catalog-document-delete-list',
    who: /"Delete document".*; and "View and select warehouse"/,
    params: ['documentIds*'],
  },
  // basic, single-word names, pages outside api-reference
  { method: 'server.time', page: 'common/system/server-time', requirement: basic, whoClass: 'any' },
  { method: 'profile', page: 'common/users/profile', requirement: basic },
  { method: 'methods', page: 'common/system/methods', requirement: basic, deprecated: true, replacement: 'method.get' },
  { method: 'batch', version: 2, page: 'settings/how-to-call-rest-api/batch', requirement: basic, params: ['cmd*', 'halt'] },
  {
    method: 'pull.application.push.add',
    page: 'settings/interactivity/push-and-pull/pull-application-push-add',
    requirement: scope('pull'),
    whoClass: 'admin',
    appOnly: true,
  },
  // index page with one shared Scope block (event.* pages have none of their own)
  {
    method: 'event.bind',
    page: 'events/event-bind',
    requirement: basic,
    appOnly: true,
    params: ['event*', 'handler*', 'auth_type', 'event_type', 'auth_connector', 'options'],
  },
  { method: 'event.offline.get', page: 'events/event-offline-get', requirement: basic },
  // flags
  { method: 'voximplant.user.get', page: 'telephony/voximplant/users/voximplant-user-get', requirement: scope('telephony'), adminConfirm: true },
  { method: 'telephony.externalCall.register', page: 'telephony/telephony-external-call-register', appOnly: true, whoClass: 'any' },
  { method: 'entity.add', page: 'entity/entities/entity-add', requirement: scope('entity'), appOnly: true },
  // one per remaining family
  { method: 'sonet_group.create', page: 'sonet-group/sonet-group-create', requirement: scope('sonet') },
  { method: 'socialnetwork.api.workgroup.list', page: 'sonet-group/socialnetwork-api-workgroup-list', requirement: scope('socialnetwork') },
  { method: 'log.blogpost.add', page: 'log/log-blogpost-add', requirement: scope('log') },
  { method: 'ai.engine.register', page: 'ai/ai-engine-register', requirement: scope('ai_admin'), whoClass: 'admin' },
  { method: 'user.userfield.add', page: 'user/userfields/user-userfield-add', requirement: scope('user.userfield') },
  { method: 'imbot.register', page: 'chat-bots/outdated/bots/imbot-register', requirement: scope('imbot') },
  { method: 'sale.cashbox.add', page: 'sale/cashbox/sale-cashbox-add', requirement: scope('cashbox') },
  { method: 'catalog.product.add', page: 'catalog/product/catalog-product-add', requirement: scope('catalog'), whoClass: 'admin' },
  { method: 'lists.element.add', page: 'lists/elements/lists-element-add', requirement: scope('lists') },
  { method: 'booking.v1.booking.add', page: 'booking/booking/booking-v1-booking-add', requirement: scope('booking') },
  { method: 'messageservice.sender.add', page: 'messageservice/messageservice-sender-add', requirement: scope('messageservice'), appOnly: true },
  { method: 'mailservice.fields', page: 'mailservice/mailservice-fields', requirement: scope('mailservice') },
  { method: 'biconnector.connector.add', page: 'biconnector/connector/biconnector-connector-add', requirement: scope('biconnector') },
  { method: 'rpa.item.add', page: 'outdated/rpa/item/rpa-item-add', requirement: scope('rpa') },
  { method: 'landing.site.add', page: 'landing/site/landing-site-add', requirement: scope('landing') },
  { method: 'disk.folder.get', page: 'disk/folder/disk-folder-get', requirement: scope('disk') },
  { method: 'calendar.event.add', page: 'calendar/calendar-event/calendar-event-add', requirement: scope('calendar') },
  { method: 'bizproc.workflow.start', page: 'bizproc/bizproc-workflow-start', requirement: scope('bizproc'), whoClass: 'admin' },
  { method: 'im.message.add', page: 'chats/messages/im-message-add', requirement: scope('im') },
];

interface EventFact {
  name: string;
  page: string;
  requirement: ScopeRequirement;
  who?: string;
}

// Events: the Scope and "Who can subscribe" lines of each page (or of its
// overview page when the event page has none).
const eventFacts: EventFact[] = [
  { name: 'onCrmDealAdd', page: 'crm/deals/events/on-crm-deal-add', requirement: scope('crm'), who: 'any user' },
  { name: 'OnTaskAdd', page: 'tasks/events-tasks/on-task-add', requirement: scope('task'), who: 'any user' },
  { name: 'onUserAdd', page: 'common/events/on-user-add', requirement: scope('user') },
  { name: 'OnAppInstall', page: 'common/events/on-app-install', requirement: basic },
  { name: 'CATALOG.PRODUCT.ON.ADD', page: 'catalog/product/events/catalog-product-on-add', requirement: scope('catalog') },
  { name: 'OnImConnectorMessageAdd', page: 'imopenlines/imconnector/events/on-im-connector-message-add', requirement: scope('imconnector') },
  { name: 'ONEXTERNALCALLSTART', page: 'telephony/events/on-external-call-start', requirement: scope('telephony') },
  { name: 'onSonetGroupSubjectAdd', page: 'sonet-group/outdated/on-sonet-group-subject-add', requirement: scope('sonet') },
  {
    name: 'OnSignB2eDocumentStatusChanged',
    page: 'sign/events/on-sign-b2e-document-status-changed',
    requirement: scope('sign.b2e'),
    who: 'a user with access to e-Signature for HR',
  },
  // No block on the page: the overview's inline "**Scope**: crm | **Who can subscribe**: any user".
  { name: 'onCrmInvoiceAdd', page: 'crm/outdated/invoice/events-invoice/on-crm-invoice-add', requirement: scope('crm'), who: 'any user' },
  { name: 'onCrmProductAdd', page: 'crm/outdated/products/events-custom/on-crm-product-add', requirement: scope('crm'), who: 'any user' },
  // Sections of the event-format pages; the overviews' Scope blocks.
  { name: 'ONIMBOTV2MESSAGEADD', page: 'chat-bots/chat-bots-v2/imbot.v2/events/events#onimbotv2messageadd', requirement: scope('imbot') },
  { name: 'ONIMV2JOINCHAT', page: 'chat-bots/chat-bots-v2/im.v2/events/events#onimv2joinchat', requirement: scope('im') },
];

interface PlacementFact {
  code: string;
  page: string;
  requirement: ScopeRequirement;
  entry?: string;
  deprecated?: boolean;
}

// Placements: the "Placement Code" table and the header Scope line of each widget page.
const placementFacts: PlacementFact[] = [
  { code: 'CRM_DEAL_DETAIL_TAB', page: 'widgets/crm/detail-tab', requirement: { kind: 'allOf', scopes: ['placement', 'crm'] } },
  {
    code: 'CRM_DYNAMIC_183_DETAIL_TAB',
    entry: 'CRM_DYNAMIC_<id>_DETAIL_TAB',
    page: 'widgets/crm/detail-tab',
    requirement: { kind: 'allOf', scopes: ['placement', 'crm'] },
  },
  { code: 'CRM_ACTIVITY_LIST_MENU', page: 'widgets/crm/list-menu', requirement: { kind: 'allOf', scopes: ['placement', 'crm'] } },
  { code: 'TASK_VIEW_TAB', page: 'widgets/task/view-tab', requirement: { kind: 'allOf', scopes: ['placement', 'task'] } },
  { code: 'TASK_GROUP_LIST_TOOLBAR', page: 'widgets/task/list-toolbar', requirement: { kind: 'allOf', scopes: ['placement', 'task'] } },
  { code: 'IM_SIDEBAR', page: 'widgets/im/sidebar', requirement: { kind: 'allOf', scopes: ['placement', 'im'] } },
  { code: 'CALL_CARD', page: 'widgets/telephony/call-card', requirement: { kind: 'allOf', scopes: ['placement', 'telephony'] } },
  { code: 'CALENDAR_GRIDVIEW', page: 'widgets/calendar', requirement: { kind: 'allOf', scopes: ['placement', 'calendar'] } },
  { code: 'SONET_GROUP_DETAIL_TAB', page: 'widgets/workgroups/detail-tab', requirement: { kind: 'allOf', scopes: ['placement', 'sonet_group'] } },
  { code: 'LEFT_MENU', page: 'widgets/left-menu', requirement: scope('placement') },
  { code: 'PAGE_BACKGROUND_WORKER', page: 'widgets/universal/background-worker', requirement: scope('placement') },
  { code: 'IM_SMILES_SELECTOR', page: 'widgets/im/smile-selector', requirement: scope('placement'), deprecated: true },
  // Registered by imconnector.register and userfieldtype.add, not placement.bind.
  { code: 'SETTING_CONNECTOR', page: 'widgets/setting-connector', requirement: scope('imopenlines') },
  { code: 'USERFIELD_TYPE', page: 'widgets/user-field/index', requirement: scope('placement') },
];

describe('catalogue: hand-checked events and placements', () => {
  const catalogue = Catalogue.load();
  const href = (page: string) => `https://apidocs.bitrix24.com/api-reference/${page.replace(/(#.*)?$/, '.html$1')}`;
  for (const f of eventFacts) {
    it(`event ${f.name} (${f.page})`, () => {
      const e = catalogue.event(f.name.toUpperCase());
      assert.ok(e, `${f.name} not in the catalogue`);
      assert.equal(e.name, f.name);
      assert.equal(e.url, href(f.page));
      assert.deepEqual(e.requirement, f.requirement);
      if (f.who !== undefined) assert.equal(e.who, f.who);
    });
  }
  for (const f of placementFacts) {
    it(`placement ${f.code} (${f.page})`, () => {
      const p = catalogue.placement(f.code.toLowerCase());
      assert.ok(p, `${f.code} not in the catalogue`);
      assert.equal(p.code, f.entry ?? f.code);
      assert.equal(p.url, href(f.page));
      assert.deepEqual(p.requirement, f.requirement);
      assert.equal(Boolean(p.deprecated), Boolean(f.deprecated));
    });
  }

  it('holds every event and placement the generator found (202 events, 91 placements at the 2026-08-21 docs)', () => {
    assert.ok(catalogue.events().length >= 200, `only ${catalogue.events().length} events`);
    assert.ok(catalogue.placements().length >= 90, `only ${catalogue.placements().length} placements`);
  });

  it('gives Russian titles, who lines and links (ru/ pages of the same path)', () => {
    const lead = catalogue.get('crm.lead.add');
    assert.ok(lead);
    assert.deepEqual(catalogue.russian(lead), { title: 'Создать новый лид', who: 'любой пользователь с правом на создание лидов' });
    assert.equal(russianUrl(lead.url, catalogue.russian(lead)), 'https://apidocs.bitrix24.ru/api-reference/crm/leads/crm-lead-add.html');
    const deal = catalogue.event('ONCRMDEALADD');
    assert.equal(deal && catalogue.russian(deal)?.who, 'любой пользователь');
    const tab = catalogue.placement('CRM_DEAL_DETAIL_TAB');
    assert.ok(tab && catalogue.russian(tab)?.title);
    assert.equal(catalogue.russianTool('calendar'), 'Календарь');
  });

  it('tells superseded methods (development halted, still working) from deprecated ones that stop working somewhere', () => {
    for (const n of ['crm.deal.add', 'crm.lead.list', 'crm.activity.add']) {
      assert.equal(catalogue.get(n)?.deprecated, true, n);
      assert.equal(catalogue.get(n)?.superseded, true, n);
    }
    // "does not work in the new task card"
    assert.equal(catalogue.get('task.commentitem.get')?.deprecated, true);
    assert.equal(catalogue.get('task.commentitem.get')?.superseded, undefined);
    assert.equal(catalogue.get('crm.item.add')?.superseded, undefined);
  });

  it('records where the editions disagree: sale.delivery.* scopes, im.search.last.* deprecation', () => {
    const delivery = catalogue.get('sale.delivery.add');
    assert.deepEqual(delivery?.editions, { en: { requirement: scope('sale') }, ru: { requirement: scope('delivery') } });
    assert.deepEqual(delivery?.requirement, scope('delivery'), 'overrides.json follows the Russian edition here');
    assert.deepEqual(catalogue.get('im.search.last.get')?.editions?.en, { requirement: scope('im'), deprecated: true });
    assert.ok(catalogue.disagreements().length >= 15);
  });

  it('leaves family forms out so typos stay unknown, and suggests the documented code', () => {
    assert.equal(catalogue.placement('CRM_XXX_DETAIL_TAB'), undefined);
    assert.equal(catalogue.placement('CRM_DEEL_DETAIL_TAB'), undefined);
    assert.deepEqual(catalogue.suggestPlacements('CRM_DEEL_DETAIL_TAB', 1), ['CRM_DEAL_DETAIL_TAB']);
    assert.deepEqual(catalogue.suggestEvents('onCrmDealAd', 1), ['onCrmDealAdd']);
  });
});

describe('catalogue: hand-checked facts', () => {
  const catalogue = Catalogue.load();
  for (const f of facts) {
    it(`${f.method}${f.version ? ` v${f.version}` : ''} (${f.page})`, () => {
      const m = catalogue.get(f.method, f.version) as MethodInfo;
      assert.ok(m, `${f.method} not in the catalogue`);
      const base = f.page.startsWith('settings/') ? '' : 'api-reference/';
      assert.equal(m.url, `https://apidocs.bitrix24.com/${base}${f.page}.html`);
      if (f.name) assert.equal(m.name, f.name);
      if (f.requirement) assert.deepEqual(m.requirement, f.requirement);
      if (f.whoClass) assert.equal(m.whoClass, f.whoClass);
      if (f.who) assert.match(m.who, f.who);
      if (f.deprecated !== undefined) assert.equal(Boolean(m.deprecated), f.deprecated);
      if (f.replacement) assert.equal(m.replacement, f.replacement);
      if (f.appOnly !== undefined) assert.equal(Boolean(m.appOnly), f.appOnly);
      if (f.adminConfirm !== undefined) assert.equal(Boolean(m.adminConfirm), f.adminConfirm);
      if (f.scopeNote) assert.match(m.scopeNote ?? '', f.scopeNote);
      if (f.params)
        assert.deepEqual(
          m.params.map((p) => `${p.name}${p.required ? '*' : ''}`),
          f.params,
        );
    });
  }

  it('has nested field lists where the page documents them (crm.lead.add fields)', () => {
    const fields = catalogue.get('crm.lead.add')?.params.find((p) => p.name === 'fields')?.fields ?? [];
    assert.deepEqual(
      fields.filter((p) => ['ADDRESS', 'ASSIGNED_BY_ID'].includes(p.name)),
      [
        { name: 'ADDRESS', type: 'string', required: false },
        { name: 'ASSIGNED_BY_ID', type: 'user', required: false },
      ],
    );
  });

  it('keeps events out of the methods and lists them for event.bind (events pages)', () => {
    assert.equal(catalogue.has('onCrmLeadAdd'), false);
    assert.deepEqual(catalogue.event('onCrmLeadAdd')?.requirement, { kind: 'scope', scope: 'crm' });
    assert.deepEqual(catalogue.event('OnTaskAdd')?.requirement, { kind: 'scope', scope: 'task' });
    assert.deepEqual(catalogue.event('CATALOG.PRODUCT.ON.ADD')?.requirement, { kind: 'scope', scope: 'catalog' });
    // Heading says onLeadDelete; the page and its file say ONCRMLEADDELETE.
    assert.ok(catalogue.event('ONCRMLEADDELETE'));
    assert.equal(catalogue.event('onLeadDelete'), undefined);
  });

  it('keeps placements, JS commands and tutorials out of the methods', () => {
    for (const n of ['CRM_LEAD_DETAIL_TAB', 'CallCardSetMute', 'BX24.placement.call', 'getStatus']) assert.equal(catalogue.has(n), false, n);
  });

  it('knows the scope table, including codes only method pages use and the deprecated ones', () => {
    assert.equal(catalogue.scope('user_brief')?.tool, 'Users');
    assert.equal(catalogue.scope('delivery')?.tool, 'Online store, CRM');
    assert.equal(catalogue.scope('call')?.tool, 'Telephony');
    for (const c of ['basic', 'mail', 'note', 'sonet', 'socialnetwork', 'sonet_group']) assert.ok(catalogue.scope(c), c);
    assert.equal(catalogue.scope('tasks_extended')?.deprecated, true);
    assert.equal(catalogue.scope('tasksmobile')?.deprecated, true);
    assert.equal(catalogue.scope('tasks')?.deprecated, undefined);
  });
});
