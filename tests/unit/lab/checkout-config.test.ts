import { describe, expect, it } from 'vitest';
import {
  LabCheckout,
  defaultLabCheckout as photoDose,
  shippingOffer,
  shippingOffers,
} from '../../../src/lab/checkout-config';
import { labCheckout, parseLabConfig } from '../../../src/lab/lab-config';

const lab = {
  id: 'photodose-bremen',
  name: 'Photo Dose',
  city: 'Bremen',
  recipient: 'age1csgf0f4n8yeacp9l7qnvt3mj8dec6zfnsjjcuuk7tdfsfw3ajg6sayshps',
  serverUrl: 'embedded',
};

describe('the lab checkout configuration', () => {
  it("is Photo Dose's when a lab configuration names none", () => {
    expect(labCheckout(parseLabConfig(lab))).toBe(photoDose);
    expect(photoDose.shippingMethods.map((m) => m.carrier)).toEqual([
      'dhl',
      'deutsche-post',
      'ups',
    ]);
    expect(photoDose.termsUrl).toMatch(/^https:\/\//);
  });

  it("is the lab's own when it names one", () => {
    const own = { ...photoDose, termsUrl: 'https://lab.example/terms' };
    expect(labCheckout(parseLabConfig({ ...lab, checkout: own })).termsUrl).toBe(
      'https://lab.example/terms',
    );
  });

  it('offers each country the methods that go there, with that country’s price and days', () => {
    expect(shippingOffers(photoDose, 'DE').map((o) => [o.method.id, o.rate.priceCents])).toEqual([
      ['dhl-paket', 499],
      ['deutsche-post', 349],
      ['ups-express', 1299],
    ]);
    expect(shippingOffers(photoDose, 'CH').map((o) => [o.method.id, o.rate.priceCents])).toEqual([
      ['dhl-paket', 1499],
      ['ups-express', 2499],
    ]);
    expect(shippingOffer(photoDose, 'ups-express', 'DE')?.rate.deliveryDays).toEqual({
      min: 1,
      max: 1,
    });
    expect(shippingOffer(photoDose, 'deutsche-post', 'FR')).toBeUndefined();
  });

  it('refuses a configuration that leaves a country without shipping, or repeats an id', () => {
    const homeOnly = {
      ...photoDose,
      shippingMethods: [{ ...photoDose.shippingMethods[1]! }],
    };
    expect(LabCheckout.safeParse(homeOnly).error?.issues[0]?.message).toBe(
      'every country the app offers needs at least one shipping method',
    );
    const twice = {
      ...photoDose,
      shippingMethods: [photoDose.shippingMethods[0]!, photoDose.shippingMethods[0]!],
    };
    expect(LabCheckout.safeParse(twice).error?.issues[0]?.message).toBe(
      'shipping method ids must be unique',
    );
    expect(LabCheckout.safeParse({ ...photoDose, termsUrl: 'http://x.example/agb' }).success).toBe(
      false,
    );
  });
});
