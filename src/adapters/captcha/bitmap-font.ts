/**
 * A 5×7 bitmap font for the captcha alphabet. Characters that people confuse are left out:
 * 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G, and — found by reading 30 drawn captchas
 * (scripts/captcha-sheet.ts) — F (read as P or E), N and W (read as H, M or U), V (as U),
 * X (as K or R), J (as 3 or T), and K and 4 (as A).
 */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

const GLYPHS: Record<string, readonly string[]> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  Y: ['#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..', '..#..'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
};

export const CAPTCHA_ALPHABET = Object.keys(GLYPHS).join('');

/** True when the glyph of `char` has ink at column x, row y (integers inside the 5×7 cell). */
export const glyphInk = (char: string, x: number, y: number): boolean => {
  const glyph = GLYPHS[char];
  if (!glyph) throw new Error(`no glyph for ${JSON.stringify(char)}`);
  return glyph[y]?.[x] === '#';
};
