// The app page: lists the manager's open deals and plans a showroom visit for one of them.
/* global BX24, document */

const DEAL_TYPE_ID = 2; // smart-process API id of deals

function call(method, params) {
  return new Promise((resolve, reject) => {
    BX24.callMethod(method, params, (result) => {
      if (result.error()) reject(new Error(`${method}: ${result.error()}`));
      else resolve(result.data());
    });
  });
}

async function showDeals() {
  const me = await call('user.current', {});
  document.getElementById('greeting').textContent = `Deals of ${me.NAME} ${me.LAST_NAME}`;

  const { items } = await call('crm.item.list', {
    entityTypeId: DEAL_TYPE_ID,
    filter: { assignedById: me.ID, stageSemanticId: 'P' },
    select: ['id', 'title', 'opportunity'],
  });
  const list = document.getElementById('deals');
  for (const deal of items) {
    const row = document.createElement('li');
    row.textContent = `${deal.title} — ${deal.opportunity}`;
    row.addEventListener('click', () => planVisit(me.ID, deal));
    list.append(row);
  }
}

async function planVisit(userId, deal) {
  const deadline = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
  const { task } = await call('tasks.task.add', {
    fields: { TITLE: `Showroom visit: ${deal.title}`, RESPONSIBLE_ID: userId, DEADLINE: deadline, UF_CRM_TASK: [`D_${deal.id}`] },
  });
  await call('crm.timeline.comment.add', {
    fields: { ENTITY_ID: deal.id, ENTITY_TYPE: 'deal', COMMENT: `Visit planned, task #${task.id}` },
  });
}

BX24.init(() => {
  showDeals().catch((err) => BX24.alert?.(err.message) ?? console.error(err));
});
