import { describe, expect, it } from 'vitest';
import { newOrderId, newToken } from '../../../server/receiver/secrets';
import {
  CommitBody,
  CommitReply,
  CreateOrderReply,
  FILE_NAME,
  LabOrderList,
  ORDER_ID,
  UPLOAD_ID,
  UPLOAD_TOKEN,
  commitPath,
  labFilePath,
} from '../../../src/contract/receiver';

const token = 'A'.repeat(42) + '_';

describe('receiver contract: ids and names', () => {
  it.each(['PD-ABCDEFGH23', 'PD-2222222222', 'PD-ZZZZZZZZZZ'])('accepts order id %s', (id) => {
    expect(ORDER_ID.test(id)).toBe(true);
  });

  it.each([
    ['lower case', 'pd-abcdefgh23'],
    ['too short', 'PD-ABCDEFGH2'],
    ['too long', 'PD-ABCDEFGH234'],
    ['not base32 (0, 1, 8, 9)', 'PD-ABCDEFGH01'],
    ['another prefix', 'XX-ABCDEFGH23'],
    ['a path', '../PD-ABCDEFGH23'],
    ['a trailing newline', 'PD-ABCDEFGH23\n'],
    ['what the clients once accepted', 'order-1'],
  ])('refuses an order id: %s', (_why, id) => {
    expect(ORDER_ID.test(id)).toBe(false);
  });

  it.each(['manifest.age', 'photo-0001.age', '0', 'a'.repeat(64), 'x_y.z-1'])(
    'accepts file name %s',
    (name) => {
      expect(FILE_NAME.test(name)).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['upper case', 'Photo.age'],
    ['a leading dot', '.age'],
    ['a dot-dot', '..'],
    ['a slash', 'a/b.age'],
    ['a backslash', 'a\\b.age'],
    ['a space', 'a b.age'],
    ['a percent escape', 'a%2fb'],
    ['a trailing newline', 'a.age\n'],
  ])('refuses a file name with %s', (_why, name) => {
    expect(FILE_NAME.test(name)).toBe(false);
  });

  it('accepts upload ids of 32 lower-case hex digits only', () => {
    expect(UPLOAD_ID.test('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(UPLOAD_ID.test('0123456789ABCDEF0123456789ABCDEF')).toBe(false);
    expect(UPLOAD_ID.test('0123456789abcdef0123456789abcde')).toBe(false);
    expect(UPLOAD_ID.test('0123456789abcdef0123456789abcdef/x')).toBe(false);
  });

  it('fits every order id and token the server makes', () => {
    for (let i = 0; i < 200; i++) {
      expect(newOrderId()).toMatch(ORDER_ID);
      expect(newToken()).toMatch(UPLOAD_TOKEN);
    }
  });

  it('builds paths with the id and name escaped', () => {
    expect(commitPath('PD-ABCDEFGH23')).toBe('/api/v1/orders/PD-ABCDEFGH23/commit');
    expect(labFilePath('PD-ABCDEFGH23', 'a/b')).toBe(
      '/api/v1/lab/orders/PD-ABCDEFGH23/files/a%2Fb',
    );
  });
});

describe('receiver contract: bodies', () => {
  const created = {
    orderId: 'PD-ABCDEFGH23',
    uploadToken: token,
    uploadUrl: 'https://orders.example.com/api/v1/uploads/',
  };

  it('accepts a well-formed creation reply', () => {
    expect(CreateOrderReply.parse(created)).toEqual(created);
  });

  it.each([
    ['an order id the rule refuses', { orderId: '../../etc' }, 'orderId'],
    ['a short token', { uploadToken: 'abc' }, 'uploadToken'],
    ['a token unfit for a header', { uploadToken: `${'A'.repeat(42)}\n` }, 'uploadToken'],
    ['a non-http upload URL', { uploadUrl: 'file:///etc/passwd' }, 'uploadUrl'],
  ])('refuses a creation reply with %s', (_why, change, field) => {
    const parsed = CreateOrderReply.safeParse({ ...created, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });

  it('refuses a commit body with a duplicate name, naming the second one', () => {
    const parsed = CommitBody.safeParse({
      files: [
        { name: 'a.age', size: 1 },
        { name: 'a.age', size: 2 },
      ],
    });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['files', 1, 'name'],
      message: 'duplicate file name "a.age"',
    });
  });

  it('refuses a commit body that is empty, has extra keys or a bad name', () => {
    expect(CommitBody.safeParse({ files: [] }).success).toBe(false);
    expect(CommitBody.safeParse({ files: [{ name: 'a', size: 1, x: 1 }] }).success).toBe(false);
    expect(CommitBody.safeParse({ files: [{ name: 'A', size: 1 }] }).success).toBe(false);
    expect(CommitBody.safeParse({ files: [{ name: 'a', size: -1 }] }).success).toBe(false);
    expect(CommitBody.safeParse({ files: [{ name: 'a', size: 1 }], customer: {} }).success).toBe(
      false,
    );
  });

  it('refuses a commit reply or lab order list with a bad order id', () => {
    expect(CommitReply.safeParse({ orderId: 'PD-ABCDEFGH23', state: 'complete' }).success).toBe(
      true,
    );
    expect(CommitReply.safeParse({ orderId: 'order-1', state: 'complete' }).success).toBe(false);
    const order = { orderId: 'PD-ABCDEFGH23', committedAt: '2026-11-25T10:00:00.000Z', files: [] };
    expect(LabOrderList.safeParse({ orders: [order] }).success).toBe(true);
    expect(LabOrderList.safeParse({ orders: [{ ...order, orderId: '..' }] }).success).toBe(false);
    expect(
      LabOrderList.safeParse({ orders: [{ ...order, files: [{ name: '../x', size: 1 }] }] })
        .success,
    ).toBe(false);
  });
});
