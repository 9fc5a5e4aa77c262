// The user pool in the archive: the accounts' line format (functions/platform/archive/users.ts), and the rewrite of
// old user ids to new ones in restored items, object keys and metadata (functions/platform/archive/rewrite.ts).
import { itemFromLine, itemToLine, Manifest, summaryOf } from '#functions/platform/archive/format';
import { rewriteItem, rewriteMetadata, rewriteString, subMap } from '#functions/platform/archive/rewrite';
import { archivedUser, belongsTo, signInName, userFromLine, userToLine, USERS_FILE } from '#functions/platform/archive/users';

const OLD_OFFICER = '5b1f0c3e-8d2a-4e61-9c47-0a1b2c3d4e5f';
const NEW_OFFICER = 'e7d6c5b4-a392-4181-8f70-6e5d4c3b2a19';
const OLD_CITIZEN = '0f9e8d7c-6b5a-4948-b736-2514f3e2d1c0';
const NEW_CITIZEN = '11111111-2222-4333-8444-555555555555';
const STRANGER = '99999999-8888-4777-8666-555555555555';

describe('archived accounts', () => {
  it('keep every attribute but sub, the groups sorted, whether enabled and the status, line for line', () => {
    // Prepare: an account as ListUsers gives it, with its groups' names.
    const listed = {
      Username: OLD_OFFICER, Enabled: false, UserStatus: 'CONFIRMED',
      Attributes: [
        { Name: 'sub', Value: OLD_OFFICER }, { Name: 'email', Value: 'canbo@hatinh.gov.vn' }, { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Nguyễn Văn Cán Bộ' }, { Name: 'custom:tenant', Value: 'hatinh' }, { Name: 'custom:unit', Value: '' },
      ],
    };
    // Act
    const user = archivedUser(listed, ['officer', 'clerk']);
    const line = userToLine(user);
    // Assess
    expect(user).toEqual({
      username: OLD_OFFICER, sub: OLD_OFFICER, enabled: false, status: 'CONFIRMED', groups: ['clerk', 'officer'],
      attributes: { email: 'canbo@hatinh.gov.vn', email_verified: 'true', name: 'Nguyễn Văn Cán Bộ', 'custom:tenant': 'hatinh', 'custom:unit': '' },
    });
    expect(line).not.toContain('\n');
    expect(userFromLine(line)).toEqual(user);
    expect(signInName(user)).toBe('canbo@hatinh.gov.vn');
    expect(USERS_FILE).toBe('cognito/users.jsonl');
  });

  it('refuse a line that is not an account, and an account without a sub', () => {
    expect(() => userFromLine('{"username":"a","sub":"b","enabled":"yes","status":"CONFIRMED","attributes":{},"groups":[]}')).toThrow();
    expect(() => userFromLine('{"username":"a"}')).toThrow();
    expect(() => archivedUser({ Username: 'x', Attributes: [{ Name: 'email', Value: 'x@y.vn' }] }, [])).toThrow('has no sub');
  });

  it('belong to the tenant their custom:tenant names, or to the pool\'s tenant without one; sign in with the username without an email', () => {
    const user = archivedUser({ Username: 'u1', Attributes: [{ Name: 'sub', Value: OLD_CITIZEN }] }, []);
    expect([belongsTo(user, 'hatinh'), signInName(user)]).toEqual([true, 'u1']);
    const other = { ...user, attributes: { 'custom:tenant': 'nghean' } };
    expect([belongsTo(other, 'hatinh'), belongsTo(other, 'nghean')]).toEqual([false, true]);
  });

  it('are counted in the archive\'s summary and bytes; an archive without them counts none', () => {
    const manifest: Manifest = {
      format: 'tinhso-archive/1', tenant: 'hatinh', exportId: 'x', startedAt: 'a', finishedAt: 'b',
      tables: [{ table: 'directory', file: 'tables/directory.jsonl', items: 3, size: 100, sha256: '0'.repeat(64) }],
      objects: [],
      users: { file: USERS_FILE, users: 5, size: 40, sha256: '1'.repeat(64) },
    };
    expect(summaryOf(manifest)).toMatchObject({ users: 5, bytes: 140 });
    expect(Manifest.parse({ ...manifest, users: undefined }).users).toBeUndefined();
    expect(summaryOf({ ...manifest, users: undefined })).toMatchObject({ users: 0, bytes: 100 });
  });
});

describe('rewriting user ids', () => {
  const ids = subMap([[OLD_OFFICER, NEW_OFFICER], [OLD_CITIZEN, NEW_CITIZEN], [STRANGER, STRANGER]]);

  it('replaces the mapped ids in keys, values, map keys, lists and sets at any depth, and nothing else', () => {
    // Prepare: an item as an archive line holds it, ids in every place one can be.
    const item = itemFromLine(JSON.stringify({
      pk: { S: `hatinh#USER#${OLD_OFFICER}` },
      sk: { S: 'PROFILE' },
      gsi1sk: { S: `ASSIGNEE#${OLD_OFFICER}#2026-11-24T10:00:00+07:00` },
      applicant: { M: { account: { S: OLD_CITIZEN }, fullName: { S: 'Trần Thị Mai' } } },
      readBy: { M: { [OLD_OFFICER]: { S: '2026-11-24T10:00:00+07:00' }, [STRANGER]: { S: 'x' } } },
      history: { L: [{ M: { by: { S: OLD_CITIZEN } } }, { M: { by: { S: OLD_OFFICER.toUpperCase() } } }] },
      participants: { SS: [OLD_OFFICER, OLD_CITIZEN, 'someone-else'] },
      uploadId: { S: 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4' },
      version: { N: '3' },
      raw: { B: Buffer.from(OLD_OFFICER).toString('base64') },
    }));
    // Act
    const out = rewriteItem(item, ids);
    // Assess
    expect(JSON.parse(itemToLine(out))).toEqual({
      pk: { S: `hatinh#USER#${NEW_OFFICER}` },
      sk: { S: 'PROFILE' },
      gsi1sk: { S: `ASSIGNEE#${NEW_OFFICER}#2026-11-24T10:00:00+07:00` },
      applicant: { M: { account: { S: NEW_CITIZEN }, fullName: { S: 'Trần Thị Mai' } } },
      readBy: { M: { [NEW_OFFICER]: { S: '2026-11-24T10:00:00+07:00' }, [STRANGER]: { S: 'x' } } },
      history: { L: [{ M: { by: { S: NEW_CITIZEN } } }, { M: { by: { S: NEW_OFFICER } } }] },
      participants: { SS: [NEW_OFFICER, NEW_CITIZEN, 'someone-else'] },
      uploadId: { S: 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4' },
      version: { N: '3' },
      // Binaries are left as they are.
      raw: { B: Buffer.from(OLD_OFFICER).toString('base64') },
    });
    expect(item.pk).toEqual({ S: `hatinh#USER#${OLD_OFFICER}` }); // the input is not changed
  });

  it('leaves an id that merely contains a mapped one\'s prefix, and replaces ids inside longer text', () => {
    expect(rewriteString(`${OLD_OFFICER.slice(0, 35)}0`, ids)).toBe(`${OLD_OFFICER.slice(0, 35)}0`);
    expect(rewriteString(`hatinh/uploads/${OLD_CITIZEN}/tờ khai.pdf`, ids)).toBe(`hatinh/uploads/${NEW_CITIZEN}/tờ khai.pdf`);
    expect(rewriteString(`${OLD_OFFICER},${OLD_CITIZEN}`, ids)).toBe(`${NEW_OFFICER},${NEW_CITIZEN}`);
  });

  it('rewrites object metadata, keys and values; an empty map changes nothing', () => {
    expect(rewriteMetadata({ owner: OLD_CITIZEN, sha256: 'ab' }, ids)).toEqual({ owner: NEW_CITIZEN, sha256: 'ab' });
    expect(rewriteMetadata(undefined, ids)).toBeUndefined();
    const none = subMap([[OLD_OFFICER, OLD_OFFICER]]);
    expect(none.size).toBe(0);
    const item = { pk: { S: `hatinh#USER#${OLD_OFFICER}` } };
    expect(rewriteItem(item, none)).toBe(item);
  });
});
