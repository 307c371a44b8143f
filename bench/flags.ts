/** The command line of `npm run bench -- …`. */
export interface Flags {
  /** Sections to run, in the section list's order; all when empty. */
  only: string[];
  /** Scale of every section, and per-section overrides (`--scale worker=0.2`). */
  scale: number;
  sectionScales: Record<string, number>;
  label: string;
  budgetMinutes: number;
  /** Only rewrite BENCHMARKS.md from bench/results.json. */
  render: boolean;
}

const usage =
  'usage: npm run bench -- [--only a,b] [--scale 0.1] [--scale section=0.5]... [--label "what changed"] [--budget-minutes 15] [--render]';

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    only: [],
    scale: 1,
    sectionScales: {},
    label: 'unlabelled',
    budgetMinutes: 15,
    render: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value; ${usage}`);
      return v;
    };
    const positive = (text: string, what: string) => {
      const n = Number(text);
      if (!(n > 0)) throw new Error(`${what}: expected a positive number, got ${text}; ${usage}`);
      return n;
    };
    switch (argv[i]) {
      case '--only':
        flags.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--scale': {
        const v = value();
        const [name, n] = v.includes('=') ? v.split('=') : [undefined, v];
        if (name) flags.sectionScales[name] = positive(n, `--scale ${name}`);
        else flags.scale = positive(n, '--scale');
        break;
      }
      case '--label':
        flags.label = value();
        break;
      case '--budget-minutes':
        flags.budgetMinutes = positive(value(), '--budget-minutes');
        break;
      case '--render':
        flags.render = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}; ${usage}`);
    }
  }
  return flags;
}
