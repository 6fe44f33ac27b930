import * as vscode from 'vscode';
import { capLeeway, isSigningAlg, type SigningAlg } from '../core';

export type SignOutput = 'replace' | 'insertBelow' | 'copy' | 'inspector';
/** Which reader loads `.env`: python-dotenv (a Python project's load_dotenv), Node's dotenv, or decided per project. */
export type EnvDialectSetting = 'auto' | 'python-dotenv' | 'dotenv';

/** The extension's settings, read per resource (multi-root workspaces can differ per folder). */
export interface Config {
  algorithm: SigningAlg;
  lifetime: string;
  /** '' means: the workspace folder's name. */
  issuer: string;
  audience: string;
  leeway: number;
  envFile: string;
  secretVariable: string;
  signOutput: SignOutput;
  envDialect: EnvDialectSetting;
  /** Hover over a token: algorithm, subject, issuer, expiry, signature state. */
  hover: boolean;
  /** "Inspect JWT" above lines that hold tokens. */
  codeLens: boolean;
  /** Expired tokens in open files as Problems. */
  diagnostics: boolean;
}

const SIGN_OUTPUTS: readonly SignOutput[] = ['replace', 'insertBelow', 'copy', 'inspector'];

export function getConfig(scope?: vscode.Uri): Config {
  const c = vscode.workspace.getConfiguration('jwtWorkbench', scope);
  const algorithm = c.get<string>('algorithm', 'HS256');
  const signOutput = c.get<string>('signOutput', 'replace') as SignOutput;
  const variable = c.get<string>('secretVariable', 'JWT_SECRET').trim();
  return {
    algorithm: isSigningAlg(algorithm) ? algorithm : 'HS256',
    lifetime: c.get<string>('lifetime', '1d'),
    issuer: c.get<string>('issuer', '').trim(),
    audience: c.get<string>('audience', '').trim(),
    // A repository's .vscode/settings.json may set it: never more than a few minutes (core's cap).
    leeway: capLeeway(c.get<number>('leeway', 0)),
    envFile: c.get<string>('envFile', '.env').trim() || '.env',
    secretVariable: /^[\w.-]+$/.test(variable) ? variable : 'JWT_SECRET',
    signOutput: SIGN_OUTPUTS.includes(signOutput) ? signOutput : 'replace',
    envDialect: (['auto', 'python-dotenv', 'dotenv'] as const).find((d) => d === c.get<string>('envDialect', 'auto')) ?? 'auto',
    hover: c.get<boolean>('hover.enabled', true),
    codeLens: c.get<boolean>('codeLens.enabled', false),
    diagnostics: c.get<boolean>('diagnostics.enabled', false),
  };
}
