import type { SavedView, SavedViewList, SaveViewRequest } from '@faultline/contracts/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put } from '../../api/http';

export type { SavedView };

/** My views and the account's shared ones, and what can be done with them. */
export function useSavedViews() {
  const client = useQueryClient();
  const views = useQuery({ queryKey: ['errors', 'views'], queryFn: ({ signal }) => get<SavedViewList>('errors', '/views', signal), staleTime: 30_000 });
  const refresh = () => client.invalidateQueries({ queryKey: ['errors', 'views'] });
  const save = useMutation({
    mutationFn: async ({ request, makeDefault }: { request: SaveViewRequest; makeDefault: boolean }) => {
      const view = await post<SavedView>('errors', '/views', request);
      if (makeDefault) await put('errors', '/views/default', { viewId: view.viewId });
      return view;
    },
    onSettled: refresh,
  });
  const chooseDefault = useMutation({ mutationFn: (viewId: string | null) => put('errors', '/views/default', { viewId }), onSettled: refresh });
  const remove = useMutation({ mutationFn: (viewId: string) => del('errors', `/views/${viewId}`), onSettled: refresh });
  return { views: views.data?.items, loaded: !views.isPending, save, chooseDefault, remove };
}
