// Regenerates src/lib/design-system/tokens.css from tokens.ts: node_modules/.bin/jiti scripts/gen-tokens-css.ts > src/lib/design-system/tokens.css
import { themeVariables } from '../src/lib/design-system/tokens';
const v = themeVariables();
console.log('/* Generated from tokens.ts (keep in step: tokens.test.ts checks). */\n@theme {\n  --color-*: initial;\n  --color-white: #ffffff;\n  --color-black: #000000;\n  --color-transparent: transparent;\n  --color-current: currentColor;\n' + Object.entries(v).map(([k, val]) => `  ${k}: ${val};`).join('\n') + '\n}');
