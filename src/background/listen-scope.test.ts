import { describe, expect, it } from 'vitest';
import { listenScope } from './listen-scope';

describe('listenScope', () => {
  it('listens to every tab when every tab is recorded', () => {
    expect(listenScope({ recordOnlyWithPanelOpen: false }, [])).toBe('all');
    expect(listenScope({ recordOnlyWithPanelOpen: false }, [3])).toBe('all');
  });

  it('listens only to inspected tabs, and to nothing while no panel is open', () => {
    expect(listenScope({ recordOnlyWithPanelOpen: true }, [])).toEqual([]);
    expect(listenScope({ recordOnlyWithPanelOpen: true }, [9, 3, 9])).toEqual([3, 9]);
  });
});
