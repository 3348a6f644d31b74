import { withCorrelation } from '@faultline/eventing';
import { CorrelatedLogger } from './correlated-logger';

describe('log lines carry the correlation of the work in hand', () => {
  const lines: string[] = [];
  let write: jest.SpyInstance;
  beforeEach(() => {
    lines.length = 0;
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  });
  afterEach(() => write.mockRestore());

  it('within a request or a batch, and not outside one', () => {
    const logger = new CorrelatedLogger('faultline-test', { json: true, colors: false });
    withCorrelation({ correlationId: 'c-42' }, () => logger.log('handled', 'ingest'));
    logger.log('idle', 'ingest');
    const [inside, outside] = lines.map((line) => JSON.parse(line));
    expect(inside).toMatchObject({ message: 'handled', context: 'ingest', correlationId: 'c-42' });
    expect(outside.correlationId).toBeUndefined();
  });
});
