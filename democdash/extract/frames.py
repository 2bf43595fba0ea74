"""Position frames: the words by which an actor takes a position on a step, and what follows them.

A policy option is an actor's position on a step still ahead ("urged Minsk to free", "plans to
hold", "refused to negotiate", "calls for talks", "we must act"). The words that carry such a
position form a few semantic fields of English (desire, intention, effort, request, proposal,
commitment, threat, consideration, refusal, support, readiness), written here from the
language, not from any article. What makes them options is the frame around them:

- `fr:v_to_inf` / `fr:n_to_inf`: a position verb or noun followed within a few words by "to"
  and a verb ("vowed to", "urged the junta to release", "a plan to hold"); `fr:v_to` when the
  "to" opens a noun phrase instead ("pushing to the limit" is rarer);
- `fr:v_for` / `fr:n_for`: "calls for", "pressing for", "a demand for";
- `fr:v_that_modal`: "warned that ... would", "insisted that ... must"; `fr:v_that` without a
  modal;
- `fr:actor_volition`: the position word right after an actor (a name, a country, a
  government body, a pronoun), allowing auxiliaries ("Minsk has repeatedly refused");
- `fr:volition_past` / `fr:volition_ing`: its tense (a reported position still counts, an
  ongoing one is under way);
- `fr:actor_modal` / `fr:it_modal` / `fr:first_modal`: a modal after an actor, after "it" or
  "this" (analysis), after "we" or "I" (the author or a speaker's own step);
- `fr:modal_conseq`: a modal before a verb of consequence ("could lead", "would crash"): a
  forecast, not a step; `fr:modal_have`: "must have known" (a guess about the past);
- `fr:actor_event_past`: an actor followed by a past-tense event verb ("police arrested"), a
  step already taken;
- `fr:imperative`: the sentence opens with a bare verb of a step (a list of demands);
- `fr:question_like`: it opens like a question;
- `fr:no_position`: no position word and no modal at all (with the stance cues of
  `democdash.extract.features`), which few options lack.

`frame_features(words, stance_cues)` takes the sentence's masked words (`features.tokens`) and
whether any stance cue was found; it makes one pass over the words and looks up only those that
belong to a field, so it costs a few microseconds per sentence.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


#: Verbs that double their last consonant before -ed and -ing.
_DOUBLING = _words("plan commit bid ban stop step beg admit submit scrap slam prop")
#: Verbs whose -ed/-ing forms keep the final "e" or are irregular.
_SPECIAL = {
    "eye": ("eyes", "eyed", "eyeing"),
    "vie": ("vies", "vied", "vying"),
    "veto": ("vetoes", "vetoed", "vetoing"),
    "agree": ("agrees", "agreed", "agreeing"),
    "guarantee": ("guarantees", "guaranteed", "guaranteeing"),
    "free": ("frees", "freed", "freeing"),
    "seek": ("seeks", "sought", "seeking"),
    "tell": ("tells", "told", "telling"),
    "choose": ("chooses", "chose", "choosing", "chosen"),
    "swear": ("swears", "swore", "swearing", "sworn"),
    "undertake": ("undertakes", "undertook", "undertaking", "undertaken"),
    "strive": ("strives", "strove", "striving", "striven"),
    "fight": ("fights", "fought", "fighting"),
    "mean": ("means", "meant", "meaning"),
    "set": ("sets", "setting"),
    "put": ("puts", "putting"),
}


def verb_forms(*bases: str) -> frozenset[str]:
    """A verb's base, -s, -ed and -ing forms, spelt as English spells them."""
    out: set[str] = set()
    for base in bases:
        out.add(base)
        if base in _SPECIAL:
            out.update(_SPECIAL[base])
        elif base in _DOUBLING:
            last = base[-1]
            out.update((base + "s", base + last + "ed", base + last + "ing"))
        elif base.endswith("e"):
            out.update((base + "s", base + "d", base[:-1] + "ing"))
        elif base.endswith("y") and base[-2] not in "aeiou":
            out.update((base[:-1] + "ies", base[:-1] + "ied", base + "ing"))
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            out.update((base + "es", base + "ed", base + "ing"))
        else:
            out.update((base + "s", base + "ed", base + "ing"))
    return frozenset(out)


#: Verbs of taking a position on a step, by field (base forms; every form counts).
POSITION_VERBS = {
    "desire": "want wish hope desire long",
    "intention": "intend plan aim mean resolve decide determine choose opt prepare schedule",
    "effort": (
        "seek try attempt strive endeavour endeavor push press work move bid vie race rush "
        "scramble struggle fight campaign lobby court pursue"
    ),
    "request": (
        "ask call urge appeal plead beg demand insist request require order instruct tell "
        "invite encourage implore exhort petition"
    ),
    "proposal": (
        "propose suggest offer float moot table unveil announce recommend advise advocate "
        "promote tout pitch sponsor initiate envisage envision"
    ),
    "commitment": "pledge promise vow commit guarantee swear undertake assure",
    "threat": "threaten warn",
    "consideration": "consider weigh mull explore debate discuss contemplate eye study",
    "refusal": (
        "refuse reject oppose resist block veto decline deny dismiss rebuff spurn shun balk "
        "baulk hesitate"
    ),
    "support": "support back endorse favour favor prefer champion accept agree",
    "expectation": "expect",
}
#: Adjectives and participles of readiness or reluctance ("eager to", "set to", "unwilling to").
POSITION_ADJECTIVES = (
    "eager keen willing unwilling reluctant ready poised determined desperate interested "
    "prepared set likely unlikely due able unable bound committed intent anxious loath "
    "loth"
)
#: Nouns of a position on a step ("a call for", "the plan to", "an ultimatum").
POSITION_NOUNS = (
    "call calls demand demands proposal proposals plan plans pledge pledges promise "
    "promises threat threats bid bids push effort efforts attempt attempts intention "
    "intentions readiness willingness refusal decision commitment commitments offer offers "
    "appeal appeals plea pleas request requests ultimatum move moves campaign drive "
    "initiative initiatives intent desire ambition ambitions goal goals aim aims plot scheme "
    "schemes strategy agenda priority priorities roadmap blueprint timetable deadline "
    "determination interest interests eagerness aspiration aspirations"
)
MODALS = _words("will would could can may might should must shall wo ca")
#: Verbs of consequence: after a modal they make a forecast, not a step.
CONSEQUENCE_VERBS = verb_forms(
    *_words(
        "lead result cause risk become crash collapse affect mean remain happen follow prove "
        "seem appear hurt damage undermine suffer face lose fall rise grow increase decline "
        "recover heal come"
    )
)
#: Verbs of steps that, in the past tense after an actor, report a step already taken.
EVENT_VERBS = verb_forms(
    *_words(
        "impose arrest kill detain pass sign launch ban jail sentence seize attack storm raid "
        "close expel recall condemn elect defeat oust topple release suspend dissolve approve "
        "adopt introduce deploy provide grant freeze lift visit travel flee resign appoint "
        "dismiss sack convict charge accuse declare stage organise organize gather march "
        "protest"
    )
) | _words("held won lost met sent shot beaten fled died froze frozen struck took gave began")
_EVENT_PAST = frozenset(w for w in EVENT_VERBS if w.endswith("ed")) | _words(
    "held won lost met sent shot fled died took gave began struck froze"
)
#: Bare verbs that open a demand in a list ("Release those arrested", "Withdraw the bill").
IMPERATIVE_VERBS = _words(
    "withdraw release set implement hold stop end free respect restore lift impose allow "
    "give let make ensure take build create establish investigate punish return resign "
    "step leave go call demand urge protect hold open reopen reform abolish repeal drop "
    "halt cease launch begin start"
)
#: Words that stand for an actor right before a verb (masked names and countries included).
ACTORS = _words(
    "<cap> <country> government administration regime we i they he she it leaders leader "
    "officials president minister ministers authorities party parties opposition west union "
    "council junta military army protesters activists ministry parliament kremlin congress "
    "lawmakers senators allies partners states countries nations bloc donors movement groups "
    "coalition court police commission"
)
#: Words allowed between an actor and its verb ("has", "is still", "had repeatedly").
_BETWEEN = _words(
    "has have had is are was were been be also now still already reportedly repeatedly "
    "publicly not n't never did does do says said again long openly"
)
_IMPERSONAL = _words("it this that there which these those")
_FIRST_PERSON = frozenset(("we", "i"))
_QUESTION_OPENERS = _words(
    "will would could can may might should must shall do does did is are was were how what why who"
)
#: Words that may follow "to" without it being an infinitive ("to the", "to Minsk").
_NOT_A_VERB = _words("the a an his her their its our this that these those <cap> <country> <num>")
#: Words skipped when finding the verb after a modal ("will not", "could also be").
_MODAL_FILLERS = _words("not n't also still likely now be have then further soon never")

# word classes, as bits
_VERB, _NOUN, _ADJ, _MODAL, _CONSEQ, _EVENT, _ACTOR = 1, 2, 4, 8, 16, 32, 64


def _classes() -> dict[str, int]:
    table: dict[str, int] = {}

    def add(words, bit: int) -> None:
        for word in words:
            table[word] = table.get(word, 0) | bit

    for bases in POSITION_VERBS.values():
        add(verb_forms(*_words(bases)), _VERB)
    add(_words(POSITION_ADJECTIVES), _ADJ)
    add(_words(POSITION_NOUNS), _NOUN)
    add(MODALS, _MODAL)
    add(CONSEQUENCE_VERBS, _CONSEQ)
    add(_EVENT_PAST, _EVENT)
    return table


WORD_CLASS = _classes()
_POSITION = _VERB | _NOUN | _ADJ


def _actor_before(words: list[str], i: int, reach: int) -> bool:
    """True when an actor stands before `words[i]`, with at most `reach` auxiliaries between."""
    j = i - 1
    while j >= 0 and words[j] in _BETWEEN and i - j <= reach:
        j -= 1
    return j >= 0 and words[j] in ACTORS


def frame_features(words: list[str], stance_cues: bool) -> set[str]:
    """The `fr:*` features of a sentence's masked words (see the module docstring);
    `stance_cues` says whether `democdash.extract.features` found any stance cue in it."""
    out: set[str] = set()
    classes = WORD_CLASS
    n = len(words)
    position = modal = False
    for i, word in enumerate(words):
        kind = classes.get(word)
        if not kind:
            continue
        if kind & _POSITION:
            position = True
            tag = "v" if kind & (_VERB | _ADJ) else "n"
            after = words[i + 1 : i + 6]
            if "to" in after[:4]:
                j = after.index("to")
                nxt = after[j + 1] if j + 1 < len(after) else ""
                out.add(f"fr:{tag}_to_inf" if nxt and nxt not in _NOT_A_VERB else f"fr:{tag}_to")
            if "for" in after[:2]:
                out.add(f"fr:{tag}_for")
            if after[:1] == ["that"] or after[1:2] == ["that"]:
                has_modal = not MODALS.isdisjoint(words[i + 1 : i + 12])
                out.add(f"fr:{tag}_that_modal" if has_modal else f"fr:{tag}_that")
            if kind & _VERB:
                if word.endswith("ed") or word in ("sought", "told", "chose", "fought", "swore"):
                    out.add("fr:volition_past")
                elif word.endswith("ing"):
                    out.add("fr:volition_ing")
            if kind & (_VERB | _ADJ) and _actor_before(words, i, 4):
                out.add("fr:actor_volition")
        if kind & _MODAL:
            modal = True
            before = words[i - 1] if i else ""
            if before in _IMPERSONAL:
                out.add("fr:it_modal")
            elif before in _FIRST_PERSON:
                out.add("fr:first_modal")
            elif before in ACTORS:
                out.add("fr:actor_modal")
            rest = [w for w in words[i + 1 : i + 4] if w not in _MODAL_FILLERS]
            if rest and rest[0] in CONSEQUENCE_VERBS:
                out.add("fr:modal_conseq")
            if i + 1 < n and words[i + 1] == "have":
                out.add("fr:modal_have")
        if kind & _EVENT and _actor_before(words, i, 3):
            out.add("fr:actor_event_past")
    if n:
        first = words[0]
        if first in _QUESTION_OPENERS:
            out.add("fr:question_like")
        if first in IMPERATIVE_VERBS:
            out.add("fr:imperative")
    if not (position or modal or stance_cues):
        out.add("fr:no_position")
    return out
