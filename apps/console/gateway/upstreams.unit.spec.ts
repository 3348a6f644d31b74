import { apiTarget } from './upstreams';

describe('apiTarget', () => {
  it('maps /api/<service>/… to the service with its query', () => {
    expect(apiTarget('/api/errors/errors?status=open&q=a%20b')).toEqual({ service: 'errors', path: '/errors?status=open&q=a%20b' });
    expect(apiTarget('/api/identity')).toEqual({ service: 'identity', path: '/' });
  });

  it('knows only the four services', () => {
    expect(apiTarget('/api/console/x')).toBeUndefined();
    expect(apiTarget('/apix/errors/errors')).toBeUndefined();
    expect(apiTarget('/errors')).toBeUndefined();
  });

  it('never reaches internal routes, however spelled', () => {
    for (const url of ['/api/identity/internal/accounts', '/api/identity//internal/accounts', '/api/identity/%69nternal/accounts', '/api/errors/INTERNAL/flow-reports', '/api/identity/users/../internal/accounts', '/api/identity/users/%2e%2e/internal/accounts']) {
      expect(apiTarget(url)).toBeUndefined();
    }
  });
});
