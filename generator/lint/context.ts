import type { ApiModel, Diagnostic } from '../model/ir.ts';
import type { BuildTrace } from '../model/build.ts';

/** One lint finding: the shape of a front-end diagnostic (severity, stable code, message, file, line). */
export type Finding = Diagnostic;

/** What every rule reads: the model, the front end's trace, and the directory paths are relative to. */
export interface LintContext {
  model: ApiModel;
  trace: BuildTrace;
  pathBase: string;
}

/** A check over a whole spec; returns its findings, throws on nothing. */
export type Rule = (ctx: LintContext) => Finding[];
