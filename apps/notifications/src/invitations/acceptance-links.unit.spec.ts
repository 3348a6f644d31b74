import { SealedText } from '@faultline/contracts';
import type { NotificationsConfig } from '../notifications.config';
import { AcceptanceLinks } from './acceptance-links';

const KEY = 'the-invitation-link-key-of-this-test-run';
const links = new AcceptanceLinks({ invitationLinkKey: KEY } as NotificationsConfig);

describe('acceptance links', () => {
  it('put the opened token back into the page path', () => {
    const sealedToken = new SealedText(KEY).seal('tok/1+2');
    expect(links.pathOf({ acceptancePath: '/invitations/accept', sealedToken })).toBe('/invitations/accept?token=tok%2F1%2B2');
  });

  it('keep a path that carries its token already (events from before sealing)', () => {
    expect(links.pathOf({ acceptancePath: '/invitations/accept?token=old' })).toBe('/invitations/accept?token=old');
  });

  it('give no link for a token sealed with another key or altered, instead of failing whoever asked', () => {
    const foreign = new SealedText('another-key-that-is-long-enough-too').seal('tok');
    expect(links.pathOf({ acceptancePath: '/invitations/accept', sealedToken: foreign })).toBeUndefined();
    expect(links.pathOf({ acceptancePath: '/invitations/accept', sealedToken: 'not-sealed-at-all' })).toBeUndefined();
  });
});
