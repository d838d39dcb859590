import { z } from 'zod';

// zod compiles object parsers with `new Function` when its probe finds eval allowed. The window's
// Content Security Policy forbids eval, so the probe itself is reported as a violation, and in a
// context where the probe passed but a later compile is blocked, parsing throws. Schemas built
// after this module runs parse without eval; import it before any module that builds schemas.
z.config({ jitless: true });
