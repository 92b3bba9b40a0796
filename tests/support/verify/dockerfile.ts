/**
 * A small Dockerfile checker for guide snippets: every logical line (after joining `\`
 * continuations and dropping comments) starts with a known instruction and has what that
 * instruction needs. Not BuildKit's parser: enough to catch a snippet that is not Dockerfile at
 * all, a missing continuation, a misspelt instruction or a HEALTHCHECK with a bad option.
 * Reference: https://docs.docker.com/reference/dockerfile/
 */

export const DOCKERFILE_INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

export interface DockerfileInstruction {
  keyword: string;
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

/** Logical lines: comments and blank lines dropped, `\` continuations joined. */
export function dockerfileInstructions(text: string): DockerfileInstruction[] {
  const out: DockerfileInstruction[] = [];
  let current: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // A comment line inside a continued instruction is dropped too (Docker does the same).
    if (trimmed.startsWith('#') || (trimmed === '' && !current)) return;
    const continued = /\\\s*$/.test(raw);
    const part = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (current) current.text += ` ${part.trim()}`;
    else current = { text: part.trim(), line: index + 1 };
    if (!continued) {
      const [keyword = '', ...rest] = current.text.split(/\s+/);
      out.push({ keyword, args: rest.join(' '), line: current.line });
      current = undefined;
    }
  });
  if (current) {
    const [keyword = '', ...rest] = current.text.split(/\s+/);
    out.push({ keyword, args: rest.join(' '), line: current.line });
  }
  return out;
}

const DURATION = /^\d+(\.\d+)?(ns|us|ms|s|m|h)$/;
const HEALTHCHECK_OPTIONS: Record<string, RegExp> = {
  interval: DURATION,
  timeout: DURATION,
  'start-period': DURATION,
  'start-interval': DURATION,
  retries: /^\d+$/,
};

/** Problems of a Dockerfile snippet, one sentence each; empty when it reads as valid instructions. */
export function checkDockerfile(text: string): string[] {
  const problems: string[] = [];
  const instructions = dockerfileInstructions(text);
  if (/\\\s*$/.test(text.trimEnd())) problems.push('the last line ends with "\\", continuing into nothing');
  for (const ins of instructions) {
    const at = `line ${String(ins.line)}`;
    const upper = ins.keyword.toUpperCase();
    if (!(DOCKERFILE_INSTRUCTIONS as ReadonlyArray<string>).includes(upper)) {
      problems.push(`${at}: "${ins.keyword}" is not a Dockerfile instruction`);
      continue;
    }
    if (ins.args.trim() === '') problems.push(`${at}: ${upper} needs arguments`);
    if (upper === 'HEALTHCHECK') {
      let rest = ins.args;
      for (let m = /^--([a-z-]+)=(\S+)\s*/.exec(rest); m; m = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
        const option = m[1] ?? '';
        const valid = HEALTHCHECK_OPTIONS[option];
        if (!valid) problems.push(`${at}: HEALTHCHECK has no option --${option}`);
        else if (!valid.test(m[2] ?? '')) problems.push(`${at}: --${option}=${m[2] ?? ''} is not a valid value`);
        rest = rest.slice(m[0].length);
      }
      if (!/^(CMD\s+\S|NONE$)/.test(rest)) problems.push(`${at}: HEALTHCHECK options must be followed by CMD <command> or NONE`);
    }
    if ((upper === 'CMD' || upper === 'ENTRYPOINT' || upper === 'RUN') && ins.args.trim().startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(ins.args);
        if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error('not a list of strings');
      } catch {
        problems.push(`${at}: the exec form of ${upper} must be a JSON list of strings (double quotes)`);
      }
    }
  }
  return problems;
}
