import type { TagList, TagView, UserSummary } from '@faultline/contracts/browser';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { get } from '../api/http';

/** The account's people and tags, loaded once and shared by every screen that names them. */
export function useUsers() {
  return useQuery({ queryKey: ['identity', 'users'], queryFn: ({ signal }) => get<UserSummary[]>('identity', '/users', signal), staleTime: 30_000 });
}

export function useTags() {
  return useQuery({ queryKey: ['errors', 'tags'], queryFn: ({ signal }) => get<TagList>('errors', '/tags', signal), staleTime: 30_000 });
}

/** Names for ids: people by name (email when they have none), tags by name; unknown ids as they are. */
export function useNames() {
  const users = useUsers().data;
  const tags = useTags().data?.items;
  return useMemo(() => {
    const people = new Map((users ?? []).map((user) => [user.userId, user.name ?? user.email]));
    const tagsById = new Map<string, TagView>((tags ?? []).map((tag) => [tag.tagId, tag]));
    return {
      user: (userId: string) => people.get(userId) ?? userId,
      tag: (tagId: string) => tagsById.get(tagId)?.name ?? tagId,
      tagView: (tagId: string) => tagsById.get(tagId),
    };
  }, [users, tags]);
}
