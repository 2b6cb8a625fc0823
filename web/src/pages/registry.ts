/** The pages, in the order of the left navigation, and whether each needs a target. */
import type { ComponentType } from 'react';
import { Anchors } from './Anchors.tsx';
import { Backlinks } from './Backlinks.tsx';
import { Gap } from './Gap.tsx';
import { Jobs } from './Jobs.tsx';
import { Overview } from './Overview.tsx';
import { Pages } from './Pages.tsx';
import { RefDomains } from './RefDomains.tsx';
import { Toxic } from './Toxic.tsx';
import type { PageProps, TargetPageProps } from './types.ts';
import { WhatIf } from './WhatIf.tsx';

interface PageBase {
  id: string;
  /** Navigation label. */
  label: string;
  /** Heading and document title. */
  title: string;
}

export type PageDef =
  | (PageBase & { needsTarget: true; component: ComponentType<TargetPageProps> })
  | (PageBase & { needsTarget: false; component: ComponentType<PageProps> });

export const PAGE_GROUPS: { label: string; pages: PageDef[] }[] = [
  {
    label: 'Site explorer',
    pages: [
      { id: 'overview', label: 'Overview', title: 'Overview', needsTarget: true, component: Overview },
      { id: 'backlinks', label: 'Backlinks', title: 'Backlinks', needsTarget: true, component: Backlinks },
      {
        id: 'refdomains',
        label: 'Referring domains',
        title: 'Referring domains',
        needsTarget: true,
        component: RefDomains,
      },
      { id: 'anchors', label: 'Anchors', title: 'Anchors', needsTarget: true, component: Anchors },
      { id: 'pages', label: 'Pages', title: 'Pages', needsTarget: true, component: Pages },
    ],
  },
  {
    label: 'Review',
    pages: [
      { id: 'toxic', label: 'Toxic review', title: 'Toxic review', needsTarget: true, component: Toxic },
    ],
  },
  {
    label: 'Research',
    pages: [
      { id: 'gap', label: 'Competitor gap', title: 'Competitor gap', needsTarget: true, component: Gap },
      { id: 'whatif', label: 'What-if', title: 'What-if authority', needsTarget: false, component: WhatIf },
    ],
  },
  {
    label: 'Ledger',
    pages: [{ id: 'jobs', label: 'Jobs', title: 'Jobs', needsTarget: false, component: Jobs }],
  },
];

export const PAGES: readonly PageDef[] = PAGE_GROUPS.flatMap((g) => g.pages);
export const DEFAULT_PAGE = 'overview';

export function pageById(id: string): PageDef | undefined {
  return PAGES.find((p) => p.id === id);
}
