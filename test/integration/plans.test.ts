// A province's plan decides which services it has: Quảng Ngãi rents the basic plan (directory, one-stop shop,
// documents), so the meetings' and mail's routes answer 403 SERVICE_NOT_IN_PLAN there, and work elsewhere.
import { meetingsRoutes } from '#functions/meetings/routes';
import { mailRoutes } from '#functions/mail/routes';
import { PLANS_DATA } from '#shared/plans';
import { api, officerOf } from './support';

const BASIC = 'quangngai';

it('says the basic plan leaves meetings and mail out (the demo tenant file agrees)', () => {
  expect(PLANS_DATA.basic.services).not.toContain('meetings');
  expect(PLANS_DATA.basic.services).not.toContain('mail');
});

it.each([...Object.entries(meetingsRoutes), ...Object.entries(mailRoutes)].filter(([, r]) => r.access !== 'public'))(
  'refuses %s to a province whose plan has no such service, and serves it to one whose plan has',
  async (_name, route) => {
    const path = (tenant: string) => route.path.replace('{tenant}', tenant).replace('{id}', '00000000-0000-4000-8000-000000000000')
      .replace('{folder}', 'INBOX').replace('{address}', `x@${tenant}.gov.vn`);
    const body = route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} };
    const refused = await api(route.method, path(BASIC), { token: await officerOf(BASIC), ...body });
    const elsewhere = await api(route.method, path('nghean'), { token: await officerOf('nghean'), ...body });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SERVICE_NOT_IN_PLAN');
    expect(elsewhere.body?.error?.code).not.toBe('SERVICE_NOT_IN_PLAN');
  },
);

it('keeps the plan\'s own services open to the same official', async () => {
  const res = await api('GET', `/v1/${BASIC}/procedures?limit=1`, { token: await officerOf(BASIC) });
  expect(res.status).toBe(200);
});
