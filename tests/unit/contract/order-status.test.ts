import { describe, expect, it } from 'vitest';
import {
  LabStatusBody,
  OrderStatusReply,
  StatusLookupBody,
  labOrderStatusPath,
} from '../../../src/contract/order-status';

describe('the order status wire contract', () => {
  it('takes a shipment only with "shipped", and checks the parcel fields', () => {
    expect(LabStatusBody.safeParse({ state: 'received' }).success).toBe(true);
    expect(
      LabStatusBody.safeParse({
        state: 'shipped',
        shipment: { trackingNumber: ' 00340434161094042557 ', carrier: 'Deutsche Post' },
      }),
    ).toMatchObject({
      success: true,
      data: { shipment: { trackingNumber: '00340434161094042557', carrier: 'Deutsche Post' } },
    });
    const early = LabStatusBody.safeParse({
      state: 'in-production',
      shipment: { trackingNumber: '1Z999AA10123456784' },
    });
    expect(early.success).toBe(false);
    expect(early.error?.issues[0]?.path).toEqual(['shipment']);
    for (const trackingNumber of ['abc', 'x'.repeat(41), '12 34', '<script>', '1;DROP']) {
      const body = { state: 'shipped', shipment: { trackingNumber } };
      expect(LabStatusBody.safeParse(body).success, trackingNumber).toBe(false);
    }
    // The lab reports its own states; "submitted" is the server's.
    expect(LabStatusBody.safeParse({ state: 'submitted' }).success).toBe(false);
    expect(LabStatusBody.safeParse({ state: 'shipped', note: 'x' }).success).toBe(false);
  });

  it('takes a lookup of an order id and a 43-character key, nothing more', () => {
    const key = 'A'.repeat(43);
    expect(StatusLookupBody.safeParse({ orderId: 'PD-ABCDEFGH23', lookupKey: key }).success).toBe(
      true,
    );
    expect(
      StatusLookupBody.safeParse({ orderId: 'PD-ABCDEFGH23', lookupKey: `${key}A` }).success,
    ).toBe(false);
    expect(
      StatusLookupBody.safeParse({ orderId: 'PD-ABCDEFGH23', lookupKey: key, email: 'a@b.c' })
        .success,
    ).toBe(false);
    expect(StatusLookupBody.safeParse({ orderId: '../x', lookupKey: key }).success).toBe(false);
  });

  it('describes a reply with no room for personal data', () => {
    const reply = {
      orderId: 'PD-ABCDEFGH23',
      state: 'shipped',
      updatedAt: '2026-11-26T10:00:00.000Z',
      shipment: { trackingNumber: 'JJD000390007882381', shippedAt: '2026-11-26T10:00:00.000Z' },
    };
    expect(OrderStatusReply.parse(reply)).toEqual(reply);
    expect(labOrderStatusPath('PD-ABCDEFGH23')).toBe('/api/v1/lab/orders/PD-ABCDEFGH23/status');
  });
});
