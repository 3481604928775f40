/**
 * The browser entry of the format check: bundled by the Chromium test (esbuild, browser platform) and loaded into a
 * blank page. The test calls `window.startCheck(corpus, options)`, which returns at once and runs the check in the
 * next task (so that the test can run the same check in Node meanwhile), then reads `window.formatCheck`.
 */
import { checkFormats, type CheckOptions, type CorpusInput, type FormatReport } from './formats-check.js'

/** What the page exposes to the test. */
export interface FormatsPage {
  startCheck: (corpus: Readonly<Record<string, ReadonlyArray<CorpusInput>>>, options: CheckOptions) => void
  formatCheck?: { readonly reports: ReadonlyArray<FormatReport>; readonly ms: number } | { readonly error: string }
}

const w = window as unknown as FormatsPage
w.startCheck = (corpus, options) => {
  setTimeout(() => {
    const t0 = performance.now()
    try {
      const reports = checkFormats(corpus, options)
      w.formatCheck = { reports, ms: performance.now() - t0 }
    } catch (e) {
      w.formatCheck = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) }
    }
  }, 0)
}
document.title = 'formats ready'
