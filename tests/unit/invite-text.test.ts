import { beforeEach, describe, expect, it } from 'vitest';
import { joinText } from '@/lib/background/notifier';
import { DEFAULT_CONFIG } from '@/lib/config';
import { DEFAULT_HOMEPAGE_URL } from '@/lib/homepage';
import { formatInviteDay, inviteFor, renderInvite } from '@/lib/invite-text';
import { useEnglish } from './english.ts';

beforeEach(useEnglish);

const URL = 'https://app.example/get';
const MAY_3 = Date.UTC(2026, 4, 3, 12);
const DEC_1 = Date.UTC(2026, 11, 1, 12);

describe('renderInvite', () => {
  it.each<[string, string, string, string]>([
    ['both placeholders', 'Hi {name}, get it: {url}', 'Ana', `Hi Ana, get it: ${URL}`],
    ['a placeholder twice', '{name}! {name}? {url}', 'Ana', `Ana! Ana? ${URL}`],
    ['no {url}: the link on its own line', 'Hi {name}', 'Ana', `Hi Ana\n${URL}`],
    ['a name that contains {url}', 'Hi {name}: {url}', 'Eve {url}', `Hi Eve {url}: ${URL}`],
    ['a name that contains {name}', 'Hi {name}: {url}', '{name}', `Hi {name}: ${URL}`],
    [
      'a name with markup, kept as text',
      'Hi {name}: {url}',
      '<img src=x onerror=alert(1)>',
      `Hi <img src=x onerror=alert(1)>: ${URL}`,
    ],
    ['a name with $ patterns', 'Hi {name}: {url}', "$& $1 $'", `Hi $& $1 $': ${URL}`],
    ['other braces left alone', 'Hi {name} {other}: {url}', 'Ana', `Hi Ana {other}: ${URL}`],
  ])('fills in %s', (_title, template, name, expected) => {
    expect(renderInvite(template, name, URL)).toBe(expected);
  });

  it('leaves out the link when there is none', () => {
    expect(renderInvite('Hi {name}', 'Ana', '')).toBe('Hi Ana');
  });
});

describe('inviteFor', () => {
  it("uses the build's text and URL", () => {
    expect(inviteFor('Ana', { inviteText: 'Join me, {name}: {url}', inviteUrl: URL })).toBe(
      `Join me, Ana: ${URL}`,
    );
  });

  it("falls back to the locale's text when the build sets none (or only blanks)", () => {
    for (const inviteText of ['', '   ']) {
      expect(inviteFor('Ana', { inviteText, inviteUrl: URL })).toBe(
        `Hi Ana, I'd like to stay in touch with you in our app. You can get it here: ${URL}`,
      );
    }
  });

  it("points to the project's homepage by default", () => {
    expect(DEFAULT_CONFIG.inviteUrl).toBe(DEFAULT_HOMEPAGE_URL);
    expect(inviteFor('Ana', DEFAULT_CONFIG)).toContain(DEFAULT_HOMEPAGE_URL);
  });
});

describe('formatInviteDay', () => {
  it.each<[string, number, string]>([
    ['en-GB', MAY_3, '3 May'],
    ['en-US', MAY_3, 'May 3'],
    ['de', MAY_3, '3. Mai'],
    ['en-GB', Date.UTC(2025, 4, 3, 12), '3 May 2025'],
  ])('writes the day in %s, the year only when it is not this one', (locale, at, expected) => {
    expect(formatInviteDay(at, DEC_1, locale)).toBe(expected);
  });
});

describe('the text of a join notification', () => {
  it('names the contact and says they joined', () => {
    expect(joinText({ id: 'join-1', users: [{ userId: 1, name: 'Ana' }] }, DEC_1)).toEqual({
      title: 'Ana',
      message: 'joined — you can now reach them in the app.',
    });
  });

  it('names the invitation when the user invited them', () => {
    const text = joinText(
      { id: 'join-1', users: [{ userId: 1, name: 'Ana', invitedAt: MAY_3 }] },
      DEC_1,
    );
    expect(text).toEqual({
      title: 'Ana',
      message: `joined — you invited Ana on ${formatInviteDay(MAY_3, DEC_1)}.`,
    });
    expect(text.message).toMatch(/May/);
  });

  it('says how many of several joins the user invited', () => {
    const users = [1, 2, 3, 4].map((userId) => ({
      userId,
      name: `C${userId}`,
      ...(userId % 2 === 0 ? { invitedAt: MAY_3 } : {}),
    }));
    expect(joinText({ id: 'joins-2', users }, DEC_1)).toEqual({
      title: '4 of your contacts joined',
      message: 'C1, C2, C3, C4\nYou invited 2 of them.',
    });
  });

  it("says the app profile's name when it differs from the saved one, as the popup does", () => {
    const grace = { userId: 1, name: 'Grace Hopper', appName: 'Mallory' };
    expect(joinText({ id: 'join-1', users: [grace] }, DEC_1)).toEqual({
      title: 'Grace Hopper',
      message: 'joined — in the app: Mallory',
    });
    expect(joinText({ id: 'join-1', users: [{ ...grace, invitedAt: MAY_3 }] }, DEC_1)).toEqual({
      title: 'Grace Hopper',
      message: `joined — you invited Grace Hopper on ${formatInviteDay(MAY_3, DEC_1)}; in the app: Mallory`,
    });
    const users = [grace, ...[2, 3, 4].map((userId) => ({ userId, name: `C${userId}` }))];
    expect(joinText({ id: 'joins-2', users }, DEC_1)).toEqual({
      title: '4 of your contacts joined',
      message: 'Grace Hopper (in the app: Mallory), C2, C3, C4',
    });
  });

  it('sums several joins up by count and names', () => {
    const users = [1, 2, 3, 4, 5, 6].map((userId) => ({ userId, name: `C${userId}` }));
    expect(joinText({ id: 'joins-2', users }, DEC_1)).toEqual({
      title: '6 of your contacts joined',
      message: 'C1, C2, C3, C4, C5…',
    });
  });
});
