import { accessChanges, accessText, parseAccess } from './access-text';

describe('integration access in words', () => {
  it('reads and writes "integration: level" lists', () => {
    expect(parseAccess(' acme:monitor, globex : manage ,')).toEqual({ ok: true, access: { acme: 'monitor', globex: 'manage' } });
    expect(parseAccess('')).toEqual({ ok: true, access: {} });
    expect(accessText({ acme: 'monitor' })).toBe('acme: monitor');
    expect(accessText({}, 'admin')).toBe('every integration (manage)');
    expect(accessText({})).toBe('none');
  });

  it('says which part is wrong', () => {
    expect(parseAccess('acme:monitor, globex:owner')).toEqual({ ok: false, why: '"globex:owner" is not integration:monitor or integration:manage' });
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
