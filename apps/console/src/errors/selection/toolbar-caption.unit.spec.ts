import { toolbarCaption } from './toolbar-caption';

describe('what the actions act on, said above them', () => {
  it('is the selection when there is one', () => {
    expect(toolbarCaption(3, false, true)).toBe('3 selected');
    expect(toolbarCaption(1204, true, false)).toBe('1,204 selected (all matching)');
  });

  it('is the outlined row when nothing is selected, and says so', () => {
    expect(toolbarCaption(0, false, true)).toBe('The outlined error (select rows to act on more)');
    expect(toolbarCaption(0, false, false)).toBe('Select errors to act on them');
  });
});
