import { AnnouncementGrace } from './announcement-grace';

const GRACE_MS = 300;

describe('waiting for what another topic announces', () => {
  it('asks once when everything is known', async () => {
    let asked = 0;
    const found = await new AnnouncementGrace(GRACE_MS).known(['acc-1'], async (ids) => {
      asked++;
      return new Set(ids);
    });
    expect([...found]).toEqual(['acc-1']);
    expect(asked).toBe(1);
  });

  it('finds what is announced within the grace', async () => {
    let announced = false;
    setTimeout(() => (announced = true), GRACE_MS / 3);
    const found = await new AnnouncementGrace(GRACE_MS).known(['acc-1'], async () => new Set(announced ? ['acc-1'] : []));
    expect([...found]).toEqual(['acc-1']);
  });

  it('answers what it found once the grace of the missing ran out, and waits for each missing id only once', async () => {
    const grace = new AnnouncementGrace(GRACE_MS);
    let asked = 0;
    const onlyFirst = async () => {
      asked++;
      return new Set(['acc-1']);
    };
    expect([...(await grace.known(['acc-1', 'acc-never'], onlyFirst))]).toEqual(['acc-1']);
    expect(asked).toBeGreaterThan(1);
    asked = 0;
    expect([...(await grace.known(['acc-never'], onlyFirst))]).toEqual(['acc-1']);
    expect(asked).toBe(1);
  });
});
