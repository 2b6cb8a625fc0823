/**
 * The open elements, innermost last, kept the way htmlparser2's Parser keeps them (the extractor applies
 * the Parser's implied closes and end-tag matching), with what placement needs of each: its `id`, `class`
 * and `role`, and its placement context, computed on demand (only elements that enclose a link need one)
 * and at most once. Frames are reused objects: no allocation per element once the stack has been as deep.
 * Also tracks foreign content (SVG, MathML), where the tokenizer reads `<title>`/`<style>`/`<script>` as
 * ordinary elements and self-closing tags count.
 */
import {
  childPlacement,
  elementSignal,
  type PlacementContext,
  ROOT_PLACEMENT,
} from '../../core/link/placement.ts';
import { wordsSignal } from './fast-signal.ts';
import type { InputBuffer } from './input-buffer.ts';
import { TagFlag, type TagInfo } from './tags.ts';

type Signal = ReturnType<typeof elementSignal>;

export class Frame {
  tag: TagInfo;
  /**
   * `id` and `class`, as text, or (cheaper: most are never needed) as positions in the input while that is
   * still held (`idStart` >= 0); see `text()`.
   */
  id: string | undefined = undefined;
  className: string | undefined = undefined;
  idStart = -1;
  idEnd = -1;
  classStart = -1;
  classEnd = -1;
  role: string | undefined = undefined;
  context: PlacementContext | undefined = undefined;
  /** The element entered a foreign-content level (to leave when it closes). */
  foreign = false;
  constructor(tag: TagInfo) {
    this.tag = tag;
  }
}

const FOREIGN_NONE = 0;
const FOREIGN_SVG = 1;
const FOREIGN_MATH = 2;
const FOREIGN_FLAGS = TagFlag.Svg | TagFlag.Math | TagFlag.Integration | TagFlag.ForeignObject;

export class ElementStack {
  constructor(private readonly input: InputBuffer) {}

  readonly frames: Frame[] = [];
  depth = 0;
  /** Inside SVG or MathML (and not back in HTML through an integration point). */
  inForeign = false;
  private readonly foreign: number[] = [FOREIGN_NONE];

  push(tag: TagInfo): Frame {
    const d = this.depth++;
    let frame = this.frames[d];
    if (frame === undefined) {
      frame = new Frame(tag);
      this.frames[d] = frame;
    } else {
      frame.tag = tag;
      frame.id = undefined;
      frame.className = undefined;
      frame.idStart = -1;
      frame.classStart = -1;
      frame.role = undefined;
      frame.context = undefined;
    }
    frame.foreign = (tag.flags & FOREIGN_FLAGS) !== 0 && this.enterForeign(tag);
    return frame;
  }

  /** Removes the innermost element; its frame stays readable until the next push. */
  pop(): Frame {
    const frame = this.frames[--this.depth]!;
    if (frame.foreign) {
      this.foreign.pop();
      this.inForeign = this.foreign[this.foreign.length - 1] !== FOREIGN_NONE;
    }
    return frame;
  }

  /** Turns the `id`/`class` positions of a frame into text. */
  text(frame: Frame): void {
    if (frame.idStart >= 0) {
      frame.id = this.input.attributeText(frame.idStart, frame.idEnd);
      frame.idStart = -1;
    }
    if (frame.classStart >= 0) {
      frame.className = this.input.attributeText(frame.classStart, frame.classEnd);
      frame.classStart = -1;
    }
  }

  /** Before the input drops the chunks positions point into: every open frame's `id`/`class` as text. */
  keepText(): void {
    for (let i = 0; i < this.depth; i++) this.text(this.frames[i]!);
  }

  /** Index of the innermost open element named `name`, or -1. */
  lastIndexOf(name: string): number {
    let at = this.depth - 1;
    while (at >= 0 && this.frames[at]!.tag.name !== name) at--;
    return at;
  }

  private enterForeign(tag: TagInfo): boolean {
    const flags = tag.flags;
    let level: number;
    if ((flags & TagFlag.Svg) !== 0) level = FOREIGN_SVG;
    else if ((flags & TagFlag.Math) !== 0) level = FOREIGN_MATH;
    else if ((flags & TagFlag.Integration) !== 0) level = FOREIGN_NONE;
    else if (this.foreign[this.foreign.length - 1] === FOREIGN_SVG)
      level = FOREIGN_NONE; // foreignObject
    else return false;
    this.foreign.push(level);
    this.inForeign = level !== FOREIGN_NONE;
    return true;
  }

  /** The placement context of open element `index` (-1: the document). */
  contextAt(index: number): PlacementContext {
    if (index < 0) return ROOT_PLACEMENT;
    const frames = this.frames;
    const known = frames[index]!.context;
    if (known !== undefined) return known;
    let from = index - 1;
    while (from >= 0 && frames[from]!.context === undefined) from--;
    let context = from >= 0 ? frames[from]!.context! : ROOT_PLACEMENT;
    for (let i = from + 1; i <= index; i++) {
      const frame = frames[i]!;
      if (frame.idStart >= 0 || frame.classStart >= 0) this.text(frame);
      const tag = frame.tag;
      const signal = signalOf(tag, frame.id, frame.className, frame.role);
      // childPlacement returns the parent's context for an element without a signal (article and main
      // always have one); skipping the call there is the common case.
      if (signal !== null) context = childPlacement(context, tag.name, signal);
      frame.context = context;
    }
    return context;
  }
}

/**
 * elementSignal (core/link/placement.ts) for one element: its own signal (nav, header...) and its ARIA
 * role first, then its class and id words, read without making strings (fast-signal.ts).
 */
export function signalOf(
  tag: TagInfo,
  id: string | undefined,
  className: string | undefined,
  role: string | undefined,
): Signal {
  if (tag.signal !== null) return tag.signal;
  if (role) {
    const byRole = elementSignal(tag.name, undefined, undefined, role);
    if (byRole !== null) return byRole;
  }
  if (!id) {
    if (!className) return null;
    if (className === tag.lastClass) return tag.lastClassSignal;
  }
  const byWords = wordsSignal(id, className);
  const signal = byWords !== undefined ? byWords : elementSignal('span', id, className, undefined);
  if (!id) {
    tag.lastClass = className;
    tag.lastClassSignal = signal;
  }
  return signal;
}
