// The password rule beyond its length (docs/security.md): refuse passwords an
// attacker tries first — common and leaked passwords, dictionary words (French
// and English), names, keyboard walks, repeats, sequences, dates and l33t
// variants of them — with zxcvbn-ts, offline (its word lists ship with the
// package). Run on the server only: the lists weigh megabytes, the browser
// form keeps the length rule and shows this one from the server's answer.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as fr from "@zxcvbn-ts/language-fr";

/** zxcvbn's score 3: "safely unguessable" against online guessing, resistant offline against a slow hash (argon2id). */
export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/**
 * "passwordRule.weak" when the password is too easy to guess, else null.
 * `context`: words of the account (e-mail, name, the study's name) that must
 * not make up the password.
 */
export function passwordStrengthIssue(password: string, context: readonly string[] = []): "passwordRule.weak" | null {
  // zxcvbn's cost grows with the length; past 100 characters a password is not a guessable one.
  if (password.length > 100) return null;
  const words = [
    "dmsam",
    "dm-sam",
    "ecrf",
    "dermatomyosite",
    "dermatomyositis",
    ...context.flatMap((c) => c.toLowerCase().split(/[^\p{L}\p{N}]+/u)),
  ];
  const inputs = words.filter((w) => w.length >= 3);
  // zxcvbn scores a separator as random characters ("jeanne.martin1"): the password is also
  // judged without them, and the weaker reading counts.
  const bare = password.replace(/[^\p{L}\p{N}]+/gu, "");
  const score = Math.min(
    estimator().check(password, inputs).score,
    bare.length >= 4 ? estimator().check(bare, inputs).score : 4,
  );
  return score < PASSWORD_MIN_SCORE ? "passwordRule.weak" : null;
}
