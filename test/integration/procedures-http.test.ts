// The procedure catalogue as clients reach it: through the gateway, public reads and the tenant-admin's edits.
import { adminOf, api, officerOf, unique } from './support';

describe('the public catalogue', () => {
  it('finds procedures by name without diacritics or case: "ho tich" finds the Hộ tịch ones', async () => {
    const res = await api('GET', `/v1/nghean/procedures?q=${encodeURIComponent('ho tich')}&limit=100`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(3);
    expect(res.body.items.every((p: { field: string }) => p.field === 'Hộ tịch')).toBe(true);
    const upper = await api('GET', `/v1/nghean/procedures?q=${encodeURIComponent('KHAI SINH')}`);
    expect(upper.body.items.map((p: { name: string }) => p.name)).toContain('Đăng ký khai sinh');
  });

  it('offers at least ten seeded procedures in every demo province', async () => {
    for (const tenant of ['nghean', 'quangtri', 'hue', 'danang', 'quangngai']) {
      const res = await api('GET', `/v1/${tenant}/procedures?limit=100`);
      expect({ tenant, count: res.body.items.length >= 10 }).toEqual({ tenant, count: true });
    }
  });

  it('shows what a procedure needs: documents, form, fee, time and level', async () => {
    const res = await api('GET', '/v1/nghean/procedures/1.001193.000.00.00.H41');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Đăng ký khai sinh', level: 4, processingDays: 1, fee: 0, status: 'published' });
    expect(res.body.documents.filter((d: { required: boolean }) => d.required).map((d: { id: string }) => d.id)).toEqual(['to-khai', 'giay-chung-sinh']);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await api('GET', '/v1/nghean/procedures/1.999999.000.00.00.H41')).body.error.code).toBe('PROCEDURE_NOT_FOUND');
    expect((await api('GET', '/v1/nghean/procedures/khai-sinh')).status).toBe(400);
  });
});

describe('editing the catalogue', () => {
  const code = `9.${String(Date.now() % 1_000_000).padStart(6, '0')}.000.00.00.H41`;
  const content = {
    code, name: `Thủ tục thử qua cổng ${unique()}`, field: 'Thử nghiệm', unit: '000.00.31.H41', level: 4, processingDays: 3, fee: 0,
    documents: [{ id: 'to-khai', name: 'Tờ khai', required: true, contentTypes: ['application/pdf'] }],
    form: [], steps: [{ name: 'Giải quyết', unit: '000.00.31.H41', role: 'officer', share: 100 }],
  };

  it('lets the tenant-admin create a draft, publish it, and nobody else', async () => {
    const officer = await api('POST', '/v1/nghean/procedures', { token: await officerOf('nghean'), body: content });
    expect(officer.status).toBe(403);
    const created = await api('POST', '/v1/nghean/procedures', { token: await adminOf('nghean'), body: content });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft' });
    expect((await api('GET', `/v1/nghean/procedures/${code}`)).status).toBe(404);
    const published = await api('POST', `/v1/nghean/procedures/${code}/publish`, { token: await adminOf('nghean'), body: { version: 1 } });
    expect(published.body.status).toBe('published');
    expect((await api('GET', `/v1/nghean/procedures/${code}`)).body.name).toBe(content.name);
  });
});
