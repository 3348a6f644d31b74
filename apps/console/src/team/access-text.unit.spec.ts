import { accessChanges, accessText, integrationsToOffer, withLevel } from './access-text';

describe('integration access in words', () => {
  it('reads "integration: level" lists', () => {
    expect(accessText({ acme: 'monitor', globex: 'manage' })).toBe('acme: monitor, globex: manage');
    expect(accessText({}, 'admin')).toBe('every integration (manage)');
    expect(accessText({})).toBe('none');
  });

  it('changes one integration at a time, "none" taking it away', () => {
    expect(withLevel({ acme: 'monitor' }, 'globex', 'manage')).toEqual({ acme: 'monitor', globex: 'manage' });
    expect(withLevel({ acme: 'monitor' }, 'acme', 'manage')).toEqual({ acme: 'manage' });
    expect(withLevel({ acme: 'monitor', globex: 'manage' }, 'acme', 'none')).toEqual({ globex: 'manage' });
  });

  it('offers the integrations with errors and those already granted, once each', () => {
    const withErrors = [
      { integrationId: 'shopify', name: 'Shopify ↔ NetSuite' },
      { integrationId: 'acme', name: null },
    ];
    expect(integrationsToOffer(withErrors, { zeta: 'monitor', acme: 'manage' })).toEqual([
      { integrationId: 'acme', name: null },
      { integrationId: 'shopify', name: 'Shopify ↔ NetSuite' },
      { integrationId: 'zeta', name: null },
    ]);
  });

  it('turns an edit into the grants to set and the integrations to take away', () => {
    expect(accessChanges({ acme: 'monitor', globex: 'manage' }, { acme: 'manage', initech: 'monitor' })).toEqual({
      set: [
        ['acme', 'manage'],
        ['initech', 'monitor'],
      ],
      remove: ['globex'],
    });
    expect(accessChanges({ acme: 'monitor' }, { acme: 'monitor' })).toEqual({ set: [], remove: [] });
  });
});
