/**
 * The jobs a user can start from the browser: import a file uploaded from this computer or files already
 * on the server, crawl from seed URLs, and rank the ledger. Each posts to /api/v1/jobs/<kind> and hands the
 * new job to the list.
 */
import { type ReactNode, useState } from 'react';
import { apiJson } from '../../api/client.ts';
import type { Job } from '../../api/types.ts';
import { uploadForImport } from '../../api/upload.ts';
import { type ActionState, useAction } from '../../api/useAction.ts';
import { Check, Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatCount } from '../../format.ts';

/**
 * One entry per line. Not `entriesOf` (router/drafts.ts), which also splits at white space and commas:
 * a server path may hold either.
 */
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function StartJobForms({ onStarted }: { onStarted: (job: Job) => void }) {
  return (
    <div className="row row-3">
      <ImportForm onStarted={onStarted} />
      <CrawlForm onStarted={onStarted} />
      <RankForm onStarted={onStarted} />
    </div>
  );
}

function useStart(onStarted: (job: Job) => void) {
  const action = useAction();
  const start = (kind: Job['kind'], body: object, reset: () => void) =>
    void action
      .run(async () => {
        const job = await apiJson<Job>(`jobs/${kind}`, { method: 'POST', body });
        onStarted(job);
        return `${kind[0]!.toUpperCase()}${kind.slice(1)} job ${job.id} ${job.state}.`;
      })
      .then((ok) => ok && reset());
  return { action, start };
}

/**
 * A form that starts a job: its fields, then the submit button (off while the request runs) and the
 * outcome. `name` names the test ids: `<name>-submit`, `<name>-notice`, `<name>-error`.
 */
function JobForm(props: {
  name: 'import' | 'upload' | 'crawl' | 'rank';
  action: ActionState;
  submit: string;
  onSubmit: () => void;
  /** The import from the server, second to the upload above it, has a plain button. */
  primary?: boolean;
  /** False: the button stays off (no file chosen yet). */
  ready?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { name, action, primary = true, ready = true } = props;
  return (
    <form
      className={props.className ? `job-form ${props.className}` : 'job-form'}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <button
        type="submit"
        className={primary ? 'button button-primary' : 'button'}
        disabled={!ready || action.busy}
        data-testid={`${name}-submit`}
      >
        {props.submit}
      </button>
      <Notice notice={action.notice} error={action.error} testId={name} />
    </form>
  );
}

function ImportForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [paths, setPaths] = useState('');
  const { action, start } = useStart(onStarted);
  return (
    <Panel title="Import" testId="panel-import">
      <UploadForm onStarted={onStarted} />
      <JobForm
        name="import"
        action={action}
        submit="Import from the server"
        primary={false}
        onSubmit={() => {
          const list = linesOf(paths);
          if (list.length > 0) start('import', { paths: list }, () => setPaths(''));
        }}
      >
        <Field label="Or files and folders on the server (one per line)">
          <textarea
            rows={3}
            value={paths}
            spellCheck={false}
            placeholder={'/data/CC-MAIN-2024-10-00001.warc.gz\n/exports/ahrefs-backlinks.csv'}
            data-testid="import-paths"
            onChange={(e) => setPaths(e.currentTarget.value)}
          />
        </Field>
      </JobForm>
    </Panel>
  );
}

/** A file from this computer, sent to the server (which imports it, then deletes its copy). */
function UploadForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const action = useAction();
  return (
    <JobForm
      name="upload"
      action={action}
      submit="Upload and import"
      className="upload-form"
      ready={file !== null}
      onSubmit={() => {
        if (!file) return;
        setSent(0);
        void action
          .run(async () => {
            const job = await uploadForImport(file, (done) => setSent(done));
            onStarted(job);
            return `Uploaded ${file.name}: import job ${job.id} ${job.state}.`;
          })
          .then((ok) => {
            setSent(null);
            if (!ok) return;
            setFile(null);
            // A file input cannot be cleared through its value: a new one replaces it.
            setInputKey((k) => k + 1);
          });
      }}
    >
      <Field label="Upload a file from this computer">
        <input
          key={inputKey}
          type="file"
          accept=".warc,.gz,.wat,.html,.htm,.csv,.tsv,.txt,.json"
          data-testid="upload-file"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </Field>
      <p className="note">
        WARC, WAT, HTML, web graphs and CSV exports (Search Console, Bing, Ahrefs, Majestic, Moz, Semrush);
        the format is detected from the content.
      </p>
      {sent !== null && file && (
        <div className="progress">
          <div className="progress-track">
            <div
              className="progress-fill"
              style={{ width: `${file.size === 0 ? 100 : (100 * sent) / file.size}%` }}
            />
          </div>
          <div className="progress-text">
            Uploading {formatCount(sent)} of {formatCount(file.size)} bytes
          </div>
        </div>
      )}
    </JobForm>
  );
}

function CrawlForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [seeds, setSeeds] = useState('');
  const [scope, setScope] = useState<'page' | 'site' | 'domain' | 'discover'>('site');
  const [maxPages, setMaxPages] = useState('100');
  const [maxDepth, setMaxDepth] = useState('');
  const { action, start } = useStart(onStarted);
  const numberOrNothing = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);
  return (
    <Panel title="Crawl" testId="panel-crawl">
      <JobForm
        name="crawl"
        action={action}
        submit="Start crawl"
        onSubmit={() => {
          const list = linesOf(seeds);
          if (list.length === 0) return;
          const pages = numberOrNothing(maxPages);
          const depth = numberOrNothing(maxDepth);
          start(
            'crawl',
            {
              seeds: list,
              scope,
              ...(pages === undefined ? {} : { maxPages: pages }),
              ...(depth === undefined ? {} : { maxDepth: depth }),
            },
            () => setSeeds(''),
          );
        }}
      >
        <Field label="Seed URLs (one per line)">
          <textarea
            rows={2}
            value={seeds}
            spellCheck={false}
            placeholder="https://example.com/"
            data-testid="crawl-seeds"
            onChange={(e) => setSeeds(e.currentTarget.value)}
          />
        </Field>
        <div className="form-row">
          <Field label="Scope">
            <select
              value={scope}
              data-testid="crawl-scope"
              onChange={(e) => setScope(e.currentTarget.value as typeof scope)}
            >
              <option value="page">Seed pages only</option>
              <option value="site">Same site (host)</option>
              <option value="domain">Same domain</option>
              <option value="discover">Any host (bounded by max. pages)</option>
            </select>
          </Field>
          <Field label="Max. pages">
            <input
              type="number"
              min={1}
              value={maxPages}
              className="input-narrow"
              data-testid="crawl-max-pages"
              onChange={(e) => setMaxPages(e.currentTarget.value)}
            />
          </Field>
          <Field label="Max. depth">
            <input
              type="number"
              min={0}
              value={maxDepth}
              placeholder="any"
              className="input-narrow"
              data-testid="crawl-max-depth"
              onChange={(e) => setMaxDepth(e.currentTarget.value)}
            />
          </Field>
        </div>
        <p className="note">
          Polite and safe: robots.txt, one request per host per second, public addresses only.
        </p>
      </JobForm>
    </Panel>
  );
}

function RankForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [dofollowOnly, setDofollowOnly] = useState(false);
  const { action, start } = useStart(onStarted);
  return (
    <Panel title="Rank" testId="panel-rank">
      <JobForm
        name="rank"
        action={action}
        submit="Start rank"
        onSubmit={() => start('rank', { dofollowOnly }, () => undefined)}
      >
        <p className="note">
          Computes page, host and domain authority (0-100, PageRank over the ledger's live links) for every
          report. Run it after imports and crawls.
        </p>
        <Check checked={dofollowOnly} onChange={setDofollowOnly}>
          Followed links only
        </Check>
      </JobForm>
    </Panel>
  );
}
