/** How many errors a list's count says, as people read it: "1,000+" once the count stopped at its cap. */
export const countText = (count: number, capped: boolean): string => `${count.toLocaleString('en')}${capped ? '+' : ''}`;

/** A page's total, or undefined while it loads. */
export const totalText = (page: { total: number; totalCapped: boolean } | undefined): string | undefined => page && countText(page.total, page.totalCapped);
