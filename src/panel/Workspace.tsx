/**
 * Everything under the toolbar, laid out like DevTools' Network panel: the
 * filter bar; the list on the left, the selected exchange's details on the
 * right (once one is opened) with a splitter between; a summary bar below.
 */
import { useEffect, useRef } from 'preact/hooks';
import { DetailsPane } from './DetailsPane';
import { ExchangeList } from './list/ExchangeList';
import { Splitter } from './layout/Splitter';
import { FilterBar } from './list/FilterBar';
import { hostPath } from './list/format';
import { SummaryBar } from './list/SummaryBar';
import { useListRows } from './list/use-list-rows';
import type { PanelStore } from './store';
import { useStore } from './store/use-store';

const LIST_PANE_ID = 'exchange-list-pane';

const NOT_TYPED_IN = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'];

/** Where "/" is a character being typed, not the shortcut. */
const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !NOT_TYPED_IN.includes(target.type)));

/** Focus inside the details: the card when it takes focus, else the pane itself. */
function focusDetails(pane: HTMLElement) {
  const target = pane.querySelector<HTMLElement>('.details-body [tabindex="-1"]') ?? pane;
  target.focus();
}

export function Workspace({ store }: { store: PanelStore }) {
  const log = useStore(store, (state) => state.log);
  const ui = useStore(store, (state) => state.ui);
  const details = useStore(store, (state) => state.details);
  const actions = store.getState();
  const { rows, shown, filter, counts, pending } = useListRows(
    log,
    ui.filterText,
    ui.blockedOnly,
    actions.listCache,
  );

  const gridRef = useRef<HTMLTableElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  const focusDetailsNext = useRef(false);

  const selected = ui.selectedId === null ? undefined : log.byId.get(ui.selectedId);
  const showDetails = ui.detailsOpen && selected !== undefined;

  useEffect(() => {
    if (focusDetailsNext.current && detailsRef.current) {
      focusDetailsNext.current = false;
      focusDetails(detailsRef.current);
    }
  });

  // "/" focuses the filter box, as in DevTools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextField(event.target)) return;
      event.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const openDetails = () => {
    actions.setDetailsOpen(true);
    if (detailsRef.current) focusDetails(detailsRef.current);
    else focusDetailsNext.current = true;
  };
  const closeDetails = () => {
    actions.setDetailsOpen(false);
    gridRef.current?.focus();
  };
  const narrowed = filter.active || ui.blockedOnly;

  return (
    <>
      <FilterBar
        text={ui.filterText}
        blockedOnly={ui.blockedOnly}
        problems={filter.problems}
        pending={pending}
        onText={actions.setFilterText}
        onBlockedOnly={actions.setBlockedOnly}
        inputRef={filterRef}
        onLeave={() => gridRef.current?.focus()}
      />
      <div class={`workspace${showDetails ? ' with-details' : ''}`} ref={workspaceRef}>
        <div
          class="list-pane"
          id={LIST_PANE_ID}
          style={showDetails ? { flexBasis: `${ui.listWidth}%` } : undefined}
        >
          <ExchangeList
            rows={rows}
            busy={pending}
            emptyText={
              log.exchanges.length === 0
                ? 'No cross-origin request recorded yet: the requests this tab makes to other origins appear here.'
                : 'No exchange matches the filter.'
            }
            selectedId={ui.selectedId}
            detailsOpen={showDetails}
            onPick={(id) => {
              actions.select(id, { open: true });
            }}
            onMove={(id) => {
              actions.select(id);
            }}
            onOpenDetails={openDetails}
            onCloseDetails={closeDetails}
            gridRef={gridRef}
          />
        </div>
        {showDetails && (
          <>
            <Splitter
              value={ui.listWidth}
              onChange={actions.setListWidth}
              containerRef={workspaceRef}
              controls={LIST_PANE_ID}
            />
            <div
              class="details-pane"
              ref={detailsRef}
              tabIndex={-1}
              onKeyDown={(event) => {
                if (event.key !== 'Escape' || event.defaultPrevented) return;
                event.preventDefault();
                closeDetails();
              }}
            >
              <div class="details-head">
                <button
                  type="button"
                  class="icon-button"
                  aria-label="Close details"
                  title="Close (Esc)"
                  onClick={closeDetails}
                >
                  ×
                </button>
                <span class="details-title" title={selected.observation.request.url}>
                  {selected.observation.request.method} {hostPath(selected.observation.request.url)}
                </span>
              </div>
              <div class="details-body">
                <DetailsPane
                  details={details}
                  log={log}
                  onSelect={(id) => {
                    actions.select(id, { open: true });
                  }}
                />
              </div>
            </div>
          </>
        )}
      </div>
      <SummaryBar
        counts={counts}
        dropped={log.stats?.dropped ?? 0}
        shown={shown}
        narrowed={narrowed}
      />
    </>
  );
}
