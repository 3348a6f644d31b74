import { deciderSpec } from '@faultline/testing';
import type { Actor } from '../error.events';
import {
  decide,
  evolve,
  initialState,
  MAX_TAGS_PER_ACCOUNT,
  TagCatalogueFull,
  TagNameTaken,
  TagNotFound,
} from './tag-catalogue.decider';
import type { TagCatalogueEvent } from './tag-catalogue.events';

const spec = deciderSpec({ decide, evolve, initialState });
const alice: Actor = { type: 'user', id: 'usr-alice' };
const created = (tagId: string, name: string): TagCatalogueEvent => ({ type: 'TagCreated', data: { tagId, name, colour: '#ff0000', createdBy: alice } });

describe('the tag catalogue of an account', () => {
  it('a new name makes a new tag, trimmed', () => {
    spec.given([]).when({ type: 'CreateTag', data: { tagId: 't-1', name: ' Billing ', colour: '#ff0000', by: alice } }).then([created('t-1', 'Billing')]);
  });

  it('a name differing only in case is taken', () => {
    spec.given([created('t-1', 'Billing')]).when({ type: 'CreateTag', data: { tagId: 't-2', name: 'BILLING', colour: '#00ff00', by: alice } }).thenRefuses(TagNameTaken);
  });

  it('the thousandth tag is accepted, the one after refused', () => {
    const many = Array.from({ length: MAX_TAGS_PER_ACCOUNT - 1 }, (_, index) => created(`t-${index}`, `tag ${index}`));
    spec.given(many).when({ type: 'CreateTag', data: { tagId: 'last', name: 'last', colour: '#000000', by: alice } }).then([
      { type: 'TagCreated', data: { tagId: 'last', name: 'last', colour: '#000000', createdBy: alice } },
    ]);
    spec.given([...many, created('last', 'last')]).when({ type: 'CreateTag', data: { tagId: 'over', name: 'over', colour: '#000000', by: alice } }).thenRefuses(TagCatalogueFull);
  });

  it('renaming keeps the id; a tag may change the case of its own name', () => {
    spec
      .given([created('t-1', 'billing')])
      .when({ type: 'ChangeTag', data: { tagId: 't-1', name: 'Billing', colour: '#ff0000', by: alice } })
      .then([{ type: 'TagChanged', data: { tagId: 't-1', name: 'Billing', colour: '#ff0000', changedBy: alice } }]);
  });

  it('renaming to another tag’s name is refused', () => {
    spec.given([created('t-1', 'a'), created('t-2', 'b')]).when({ type: 'ChangeTag', data: { tagId: 't-2', name: 'A', colour: '#ff0000', by: alice } }).thenRefuses(TagNameTaken);
  });

  it('a deleted tag frees its name; deleting an unknown tag is refused', () => {
    const deleted: TagCatalogueEvent = { type: 'TagDeleted', data: { tagId: 't-1', name: 'a', deletedBy: alice } };
    spec.given([created('t-1', 'a')]).when({ type: 'DeleteTag', data: { tagId: 't-1', by: alice } }).then([deleted]);
    spec.given([created('t-1', 'a'), deleted]).when({ type: 'CreateTag', data: { tagId: 't-2', name: 'a', colour: '#ff0000', by: alice } }).then([created('t-2', 'a')]);
    spec.given([]).when({ type: 'DeleteTag', data: { tagId: 't-1', by: alice } }).thenRefuses(TagNotFound);
  });
});
