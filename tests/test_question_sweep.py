"""The supportive question over every way of leading a plan, with every tail: each of
these changes is read (never quoted whole) and no word of its lead or tail is left in
the question. Sweeps like these found "if we tried let's do written updates …", "if we
held the could we demo …" and "now that it's decided that could we run …" (session 35).
Plain unit tests: no Qt, no store."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from mlcoach.domain.model import ChangeKind, Size
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

_TAILS = ("", "?", " from next week", ", wdyt?", " for a sprint", " if that works for everyone",
          " (just an idea)", " - thoughts?", " starting Monday", " because it drags", " pls",
          " going forward", " again", " for now", " this sprint", ", otherwise we lose track")

_ACT_LEADS = ("", "let's ", "we should ", "could we ", "maybe ", "I think we should ",
              "how about we ", "can we please ", "I'd like us to ", "we could ",
              "it would be great if we could ", "tbh we should ", "Proposal: ",
              "Hi team, could we ", "would it be possible to ", "I was wondering if we could ",
              "why don't we ", "I suggest we ", "we need to ", "so we can focus, let's ",
              "not sure but maybe we ", "we might need to ", "we'll need to ", "I vote we ",
              "we really should ", "is there a way we could ", "the idea is to ",
              "going forward let's ", "please ", "pls ")
_ACTS = ("move standup to 10", "rotate who runs the retro", "review PRs within a day",
         "write tests before merging", "pair on bugs", "demo every other Friday",
         "keep cameras optional", "post updates in the channel", "block mornings for focus",
         "try async standups", "share notes after each meeting", "time-box retro to 45 minutes",
         "thank people by name in the release notes", "run planning on Tuesdays",
         "use the wiki for decisions")

_THING_LEADS = ("", "how about ", "what about ", "maybe ", "I'd love ", "we need ",
                "Proposal: ", "thoughts on ", "can we have ", "we should have ",
                "I'd like to see ", "let's try ", "how would you feel about ",
                "Hi team, how about ", "tbh ", "what if we had ", "would love to see ",
                "we could use ", "I propose ", "any interest in ", "quick idea: ",
                "we could try ", "open to ", "I vote for ", "I'm all for ")
_THINGS = ("async standups", "a weekly demo", "no-meeting Wednesdays", "shorter retros",
           "a buddy for new joiners", "office hours with the tech lead",
           "written updates instead of status meetings", "a shared on-call calendar",
           "pair programming on Fridays", "more pairing", "fewer meetings", "a book club")

_STOPS = ("stop the weekly status email", "skip standup on Fridays", "drop the Monday sync",
          "stop pinging people after 6pm", "stop force-pushing to main",
          "quit double-booking meeting rooms", "use the wiki instead of email",
          "replace status meetings with written updates", "get rid of the Friday deploy freeze")

# What a lead or a tail says that the question must not repeat.
_LEFT = re.compile(r"\b(?:let's|lets|we should|could we|can we|how about|what about|would you|"
                   r"shall we|i think|maybe|we could|i'd like|i'd love|should we|we need|"
                   r"why don't|wdyt|thoughts|pls|proposal|tbh|i suggest|i propose|wondering|"
                   r"possible to|interest|open to|feel about|love to see|could use|idea)\b",
                   re.I)


def _unread(change: str, action: ChangeKind = ChangeKind.START, plan: str = "") -> str | None:
    question = supportive_question(change, action, "en")
    if lost := _lost(plan, question):
        return f"{change!r} lost {lost}: {question}"
    if "“" in question:
        return f"{change!r} was quoted: {question}"
    if _LEFT.search(question.removeprefix("How would it work for you")) \
            or re.search(r"\b(?:with|had|tried|no more) (?:stop|quit|kill|bin|scrap|ditch)\b",
                         question):
        return f"{change!r} left its lead or tail: {question}"
    if re.search(r"\b(\w+) \1\b", question):
        return f"{change!r} said a word twice: {question}"
    return None


def _lost(plan: str, question: str) -> list[str]:
    """The words of `plan` after its first (a verb may change its form) that `question`
    does not say: "to save time, let's rotate who runs the retro so we can ship faster"
    asked "to ship faster"."""
    said = re.findall(r"[\w'-]+", question.lower())
    return [word for word in re.findall(r"[\w'-]+", plan.lower())[1:]
            if len(word) > 2 and word not in ("the", "and", "our", "for", "max")
            and not any(other.startswith(word[:4]) for other in said)]


def _faults(leads: Sequence[str], plans: Sequence[str], tails: Sequence[str],
            action: ChangeKind = ChangeKind.START) -> list[str]:
    """What `_unread` finds in every plan under every lead and tail."""
    return [f for lead in leads for plan in plans for tail in tails
            if (f := _unread(lead + plan + tail, action, plan))]


@pytest.mark.parametrize("lead", _ACT_LEADS)
def test_an_act_however_it_is_led_and_closed_is_read(lead: str) -> None:
    faults = _faults((lead,), _ACTS, _TAILS)
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("lead", _THING_LEADS)
def test_a_thing_however_it_is_led_and_closed_is_read(lead: str) -> None:
    faults = _faults((lead,), _THINGS, _TAILS)
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("lead", _ACT_LEADS)
def test_a_stop_however_it_is_led_and_closed_is_read(lead: str) -> None:
    """"stop force-pushing to main" asked "if we did away with stop force-pushing …"."""
    faults = _faults((lead,), _STOPS, _TAILS, ChangeKind.STOP)
    assert not faults, "\n".join(faults)


_TO_DANA = ("Dana, could you ", "@dana can you ", "could you ", "can you please ",
            "hey Dana, would you ", "would you be willing to ", "I'd love it if you could ",
            "it would help if you could ", "do you think you could ", "any chance you could ",
            "Dana: pls ", "you should ", "would you like to ")
_HER_ACTS = ("run the retro next week", "take notes in planning", "review my PR today",
             "pair with Sam on the migration", "send the agenda the day before",
             "move our 1:1 to Thursday", "mentor the new joiner", "update the runbook",
             "switch to Kanban", "demo every other Friday", "keep cameras optional",
             "run planning on Tuesdays")
_KINDLY = ("", "?", " pls", " this week", " - thoughts?", " (no pressure)",
           " when you get a chance", " thanks!")
_SAID_TO_HER = re.compile(r"\b(?:could you|can you|would you|willing|pls|please|thoughts|"
                          r"pressure|thanks|dana|chance|you think|you should|love it|help)\b",
                          re.I)


@pytest.mark.parametrize("lead", _TO_DANA)
def test_an_act_asked_of_the_person_is_asked_of_them_plainly(lead: str) -> None:
    """"any chance you could …", "I'd love it if you could …" were quoted; "… (no
    pressure)", "… when you get a chance" stayed in the question."""
    faults = []
    for act in _HER_ACTS:
        for tail in _KINDLY:
            question = supportive_question(lead + act + tail, ChangeKind.START, "en", "Dana")
            if (question != f"How would it work for you to {act}?"
                    and _SAID_TO_HER.search(question.removeprefix("How would it work for you"))) \
                    or _lost(act, question):
                faults.append(f"{lead + act + tail!r}: {question}")
    assert not faults, "\n".join(faults)


_STOP_LEADS = ("no more ", "can we stop ", "let's ditch ", "enough with ", "kill ",
               "get rid of ", "could we drop ", "I'd like to stop ", "time to retire ",
               "we don't need ", "do we still need ", "please no more ", "can we cancel ",
               "stop ", "scrap ", "bin ")
_STOPPED = ("the Friday status meeting", "the weekly report", "late-night Slack pings",
            "8am meetings", "meetings over lunch", "status updates in standup",
            "the release freeze")


@pytest.mark.parametrize("lead", _STOP_LEADS)
def test_a_thing_to_stop_however_it_is_led_and_closed_is_read(lead: str) -> None:
    """"kill meetings over lunch" asked "if we did away with kill meetings …"; "stop 8am
    meetings", "do we still need late-night Slack pings?" were quoted."""
    faults = _faults((lead,), _STOPPED, _TAILS, ChangeKind.STOP)
    assert not faults, "\n".join(faults)


_NOTE_LEADS = ("", "how about ", "maybe ", "Proposal: ", "idea: ", "thoughts on ", "what about ",
               "tbh ", "Hi team, ", "quick idea - ", "suggestion: ", "I'd love ", "we need ",
               "I propose ", "I vote for ")
_NOTES = ("standup at 10", "cameras optional", "retro every two weeks", "standups async",
          "demos on Fridays", "1:1s every other week", "standup 15 min max",
          "planning on Tuesdays", "retro at 4pm", "cameras off in all-hands",
          "retro on Thursdays", "planning every Tuesday")


@pytest.mark.parametrize("lead", _NOTE_LEADS)
def test_a_note_of_a_change_however_it_is_led_and_closed_is_read(lead: str) -> None:
    """"retro every two weeks for a sprint", "standup 15 min max from next week" were
    quoted; "thoughts on demos on Fridays from next week" asked "now that it's decided
    that thoughts on …"; "I'd love cameras optional", "retro on Thursdays?" were quoted."""
    faults = _faults((lead,), _NOTES, _TAILS)
    assert not faults, "\n".join(faults)


_WANTING = ("I'd love ", "we need ", "would love ", "I vote for ", "I'm all for ", "how about ",
            "I'm in favour of ", "thoughts on ")
_GERUND_ACTS = ("moving standup to 10", "rotating who runs the retro",
                "reviewing PRs within a day", "writing tests before merging", "pairing on bugs",
                "keeping cameras optional", "blocking mornings for focus",
                "trying async standups", "time-boxing retro to 45 minutes",
                "using the wiki for decisions")


@pytest.mark.parametrize("lead", _WANTING)
def test_an_act_wanted_as_a_gerund_is_read(lead: str) -> None:
    """"I'd love pairing on bugs", "we need moving standup to 10", "I vote for trying
    async standups" were quoted."""
    faults = _faults((lead,), _GERUND_ACTS, _TAILS)
    assert not faults, "\n".join(faults)


_MORE_TAILS = (", we'll see how it goes", ", let's see how it goes", " as an experiment",
               " as a trial", " on a trial basis", " to start with", " for a couple of weeks",
               " for the next few weeks", " for the time being", " at some point", " soon",
               " by end of month", " if we can", " when we can", " (if budget allows)",
               " (maybe)", ", just a thought", " - open to other ideas", ", happy to discuss",
               " lmk", ", let me know what you think", " or similar", " maybe?",
               ", does that make sense?", ", would that be ok?", ", just to try it")


@pytest.mark.parametrize("tail", _MORE_TAILS)
def test_a_plan_closed_with_a_trial_a_condition_or_openness_is_read(tail: str) -> None:
    """"move standup to 10, we'll see how it goes", "async standups as a trial", "… if we
    can", "… - open to other ideas", "…, does that make sense?" were quoted."""
    groups = ((_ACT_LEADS[:6], _ACTS, ChangeKind.START),
              (_THING_LEADS[:5], _THINGS, ChangeKind.START),
              (_NOTE_LEADS[:3], _NOTES, ChangeKind.START),
              (_STOP_LEADS[:4], _STOPPED, ChangeKind.STOP))
    faults = [f for leads, items, action in groups for f in _faults(leads, items, (tail,), action)]
    assert not faults, "\n".join(faults)


# More plans, each under common leads and closings: "gamify code reviews" and "praise in
# public, critique in private" were quoted.
_MORE_ACTS = ("move our 1:1 to Thursday", "gamify code reviews", "have a no-meeting day",
              "switch to Kanban", "record the all-hands", "celebrate small wins",
              "ask for feedback after each demo", "set an agenda for every meeting",
              "end meetings 5 minutes early", "take turns writing the release notes",
              "start meetings on time", "keep PRs under 400 lines",
              "add a checklist to the PR template", "timebox discussions",
              "put decisions in the wiki", "hold a blameless postmortem after incidents",
              "turn off notifications during focus time", "reply in threads",
              "use emoji reactions to acknowledge messages",
              "praise in public, critique in private", "check in with new joiners weekly",
              "write down decisions", "do code reviews in pairs", "send the agenda a day before",
              "rotate the on-call every week", "share wins in the Friday channel",
              "limit WIP to three items", "protect Wednesday afternoons for deep work",
              "run a retro after every release", "document the deploy process",
              "walk the board in standup", "open PRs early as drafts",
              "say no to meetings without an agenda", "keep standups under 15 minutes",
              "give each other feedback monthly", "cancel meetings that have no agenda",
              "invite QA to planning", "mute Slack after 6pm", "archive stale channels",
              "pair new joiners with a buddy")
_COMMON_LEADS = ("", "let's ", "we should ", "could we ", "maybe ", "how about we ",
                 "I'd like us to ", "Proposal: ", "we really should ", "please ")
_COMMON_TAILS = ("", "?", " from next week", " - thoughts?", " for a sprint",
                 ", we'll see how it goes")


@pytest.mark.parametrize("act", _MORE_ACTS)
def test_more_plans_under_common_leads_are_read(act: str) -> None:
    faults = _faults(_COMMON_LEADS, (act,), _COMMON_TAILS)
    assert not faults, "\n".join(faults)


# More things to have and to stop: "weekly 15-min office hours" and "silent reading at
# the start of meetings" were quoted.
_MORE_THINGS = ("weekly 15-min office hours", "silent reading at the start of meetings",
               "a no-meeting day", "a shared glossary", "blameless postmortems", "a team charter",
               "monthly 1:1s with the skip-level", "a rotating demo host", "an on-call handbook",
               "a decision log", "lightning talks on Fridays", "a kudos channel",
               "a definition of done", "walking 1:1s", "quarterly offsites",
               "an async standup bot", "a PR size limit", "a buddy system for new joiners",
               "core hours from 10 to 3")
_MORE_STOPS = ("stop cc'ing the whole team", "stop scheduling meetings over lunch",
              "no more meetings after 5pm", "stop the Monday status email",
              "cancel the weekly sync", "skip the demo this sprint",
              "stop interrupting people in focus time", "drop the daily report",
              "quit the late-night deploys", "stop reviewing PRs on weekends",
              "end the Friday freeze", "avoid meetings on Wednesdays",
              "stop using email for approvals", "kill the monthly all-hands",
              "get rid of the release checklist", "ditch the Thursday sync",
              "no laptops in standup", "stop pinging people on weekends",
              "retire the old dashboard", "don't book meetings before 10")


@pytest.mark.parametrize("thing", _MORE_THINGS)
def test_more_things_under_common_leads_are_read(thing: str) -> None:
    faults = _faults(_THING_LEADS[:9], (thing,), _COMMON_TAILS)
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("stop", _MORE_STOPS)
def test_more_stops_under_common_leads_are_read(stop: str) -> None:
    faults = _faults(_COMMON_LEADS, (stop,), _COMMON_TAILS, ChangeKind.STOP)
    assert not faults, "\n".join(faults)


_MY_LEADS = ("", "I'll ", "I'm going to ", "from now on I'll ", "maybe I should ",
             "I want to ", "I'd like to ", "starting tomorrow I'll ")
_MY_TAILS = ("", " from next week", " - thoughts?", ", we'll see how it goes")
_BY_EXAMPLE_LEFT = re.compile(r"“|\b(?:I'll|I will|going to|I should|I want|I'd like|"
                              r"thoughts|we'll see)\b", re.I)


@pytest.mark.parametrize("act", _ACTS + _MORE_ACTS)
def test_an_act_of_ones_own_by_example_is_said_plainly(act: str) -> None:
    """By example, the act is what the user does: "from now on I'll move our 1:1 to
    Thursday" was “1 to Thursday from now on I'll move our 1” (the colon of "1:1" read
    as a note's), "I'll praise in public, critique in private" was quoted."""
    faults = []
    for lead in _MY_LEADS:
        for tail in _MY_TAILS:
            change = lead + act + tail
            try:
                suggestion = compose(SuggestionRequest(change, None, ChangeKind.START,
                                                       Size.MEDIUM, None, True, "en"))
            except ComposerError:
                continue  # the team's to decide, or no act: refused, as it should be
            doing = suggestion.as_text().split("\n\n")[1]
            if _BY_EXAMPLE_LEFT.search(doing) or re.search(r"\b(\w+) \1\b", doing) \
                    or _lost(act, doing):
                faults.append(f"{change!r}: {doing}")
    assert not faults, "\n".join(faults)


# Why, said first or last, and more leads that ask: "standups drag, so let's …", "mornings
# are busy, could we …", "… since mornings are busy", "…, so we stop losing track" and "do
# we want to …?" were quoted (6,429 of 14,400 changes in the sweep that found them).
_WHY_LEADS = ("standups drag, so let's ", "mornings are busy, could we ",
              "since half the team is remote, let's ", "given the time zones, we should ",
              "to save time, let's ", "for focus, could we ", "Standups drag. Let's ",
              "Retro keeps running over. Maybe we should ",
              "people are tired so maybe we should ", "as we grow, we should ",
              "with the new joiners starting, let's ", "if everyone agrees, let's ",
              "honestly, we should ", "just an idea: let's ", "ok so ",
              "random thought - we should ",
              "lets ", "we shud ", "shall we ", "should we ", "do we want to ",
              "would it make sense to ", "does it make sense to ",
              "what do you think, should we ", "we ought to ", "it might be worth it to ",
              "it's time to ", "I'd suggest we ", "I'd propose that we ",
              "I'd recommend that we ", "we may want to ", "perhaps we could ", "what if we ",
              "how about if we ", "would anyone mind if we ",
              "would you be open to us trying to ", "let's all ")
_WHY_TAILS = ("", " so that everyone can join", " since mornings are busy", " to save time",
              " so people can focus", " because of time zones", " as mornings are hectic",
              " - it would help the new joiners", ". It drags otherwise.",
              ", so we stop losing track", " so we can ship faster", " 🙏", " :)", "!!", " ...",
              " (thoughts?)", " if people are ok with it", " unless someone objects",
              " — what do you all think?", ", at least for a while")


@pytest.mark.parametrize("lead", _WHY_LEADS)
def test_a_plan_with_why_it_is_asked_said_first_or_last_is_read(lead: str) -> None:
    plans = (*_ACTS[:8], "switch to Kanban", "celebrate small wins", "write down decisions")
    faults = _faults((lead,), plans, _WHY_TAILS)
    assert not faults, "\n".join(faults)


# A thing to have or to stop after what is wrong, said first: "standups drag, so what
# about async standups", "mornings are busy, we need …", "Standups drag. I'd love …", "…,
# no more …", and an act said as one ("Friday is a holiday, move the demo to Thursday")
# were quoted.
_PROBLEMS = ("standups drag, so ", "mornings are busy, ", "since half the team is remote, ",
             "Standups drag. ", "people are tired so ", "to save time, ", "for focus, ",
             "after the outage, ", "with the team growing, ", "as the team grows, ")


@pytest.mark.parametrize("problem", _PROBLEMS)
def test_a_thing_or_a_stop_after_what_is_wrong_is_read(problem: str) -> None:
    tails = ("", " since mornings are busy", ", so we stop losing track", "?")
    faults = [*_faults([problem + lead for lead in ("how about ", "what about ", "maybe ",
                                                    "we need ", "I'd love ", "let's try ",
                                                    "I propose ", "we might try ")],
                       _THINGS, tails),
              *_faults([problem + lead for lead in ("let's drop ", "can we stop ", "no more ",
                                                    "could we cancel ", "shall we drop ")],
                       _STOPPED[1:5], tails, ChangeKind.STOP),
              *_faults((problem,), ("move the demo to Thursday", "time-box retro to 45 minutes"),
                       tails)]
    assert not faults, "\n".join(faults)


# Leads that ask leave, say the time has come, or tell whose idea it is: "may I propose we
# …", "isn't it time we …", "who's up for trying to …", "Dana suggested we …", "personally
# I'd …", "all we need is to …" were quoted (1,790 of 6,120 in the sweep that found them;
# "… from next week" after "all we need is to" was told back as decided).
_MORE_ACT_LEADS = ("I think it's time we ", "it's about time we ", "isn't it time we ",
                   "what would you think about us trying to ", "may I propose we ",
                   "could I propose that we ", "I'm going to suggest we ", "we oughta ",
                   "we are gonna ", "I'd be keen to ", "personally I'd ", "I'd say we ",
                   "nice if we could ", "all we need is to ", "the goal is to ",
                   "would anyone object if we ", "any objections if we ",
                   "who's up for trying to ", "anyone up for trying to ",
                   "someone said we should ", "the team wants to ", "Dana suggested we ",
                   "my manager thinks we should ", "Sam asked if we could ",
                   # a name or a pronoun typed in lower case, as in chat
                   "dana suggested we ", "he suggested we ", "they said we should ",
                   "sam asked if we could ")


@pytest.mark.parametrize("lead", _MORE_ACT_LEADS)
def test_an_act_led_by_leave_asked_or_whose_idea_it_is_is_read(lead: str) -> None:
    faults = _faults((lead,), _ACTS, ("", "?", " from next week", " - thoughts?",
                                      " for a sprint", ", wdyt?"))
    assert not faults, "\n".join(faults)


# A plan between what is wrong and why: "Retro keeps running over. Maybe we move standup
# to 10. It drags otherwise." was quoted whole (a plan said first or alone was read).
_ASIDES_BEFORE = ("Retro keeps running over. ", "Mornings are busy. ", "Standups drag on. ")
_PLAN_LEADS = ("Maybe we ", "Let's ", "We should ", "Could we ", "How about we ")
_ASIDES_AFTER = (" It drags otherwise.", " Nobody reads it anyway.", " Just a thought.")


@pytest.mark.parametrize("before", _ASIDES_BEFORE)
def test_a_plan_between_what_is_wrong_and_why_is_read(before: str) -> None:
    faults = [f for lead in _PLAN_LEADS for act in _ACTS for after in _ASIDES_AFTER
              if (f := _unread(f"{before}{lead}{act}.{after}", ChangeKind.DIFFERENTLY, act))]
    assert not faults, "\n".join(faults)


# What one would choose: "I'd happily …", "I'd rather …", "I'd probably …", "if it were
# up to me, I'd …" were quoted (or asked "… if it were up to me").
_MY_CHOICE = ("I'd happily ", "I'd gladly ", "I'd rather ", "I'd probably ", "I'd much rather ",
              "I would really ", "if it were up to me, I'd ", "me, I'd ", "I'd prefer to ")


@pytest.mark.parametrize("lead", _MY_CHOICE)
def test_what_one_would_choose_however_it_is_led_is_read(lead: str) -> None:
    faults = _faults((lead,), _ACTS, ("", " from next week", " - thoughts?"))
    assert not faults, "\n".join(faults)


# What all should do, said of everyone: "all of us should …", "each of us should …" were
# quoted; "everyone should get a say" asked "to get a say" (of the person alone).
_ALL_OF_US = ("everyone should ", "everybody needs to ", "all of us should ",
              "each of us should ", "the whole team should ", "I think everyone should ")


@pytest.mark.parametrize("lead", _ALL_OF_US)
def test_what_all_should_do_is_asked_of_all(lead: str) -> None:
    faults = _faults((lead,), _ACTS, ("", " from next week", " - thoughts?"))
    faults += [f"{lead + act!r} was asked of the person alone: {question}" for act in _ACTS
               if "we all" not in (question := supportive_question(lead + act,
                                                                   ChangeKind.START, "en"))]
    assert not faults, "\n".join(faults)


# When the plan was suggested, said between who said it and what, or after the plan: "I
# suggested last week that we …" was quoted as “how about last week that we …” (words
# the user never typed), "Dana suggested we move standup to 10 last week" asked "to move
# standup to 10 last week", "As I said yesterday, we could …" was quoted.
_SAID_THEN_LEADS = ("Dana suggested last week that we ", "I suggested yesterday that we ",
                    "Dana suggested, a few days ago, that we ",
                    "Sam mentioned last week that we could ", "he said earlier we should ",
                    "Sam asked yesterday if we could ", "As I said last week, we could ",
                    "as discussed yesterday, let's ", "like I mentioned the other day, we should ",
                    "I mentioned in the retro that we should ")
_SAID_THEN = ("last week", "yesterday", "a few days ago", "the other day", "earlier",
              "in the retro")


@pytest.mark.parametrize("lead", _SAID_THEN_LEADS)
def test_when_a_plan_was_suggested_before_it_is_no_part_of_it(lead: str) -> None:
    faults = _faults((lead,), _ACTS, ("", "?", " - thoughts?"))
    faults += [f"{lead + act!r} kept when it was said: {question}" for act in _ACTS
               if any(then in (question := supportive_question(lead + act, ChangeKind.START,
                                                               "en")) for then in _SAID_THEN)]
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("then", _SAID_THEN[:4])
@pytest.mark.parametrize("lead", ["Dana suggested we ", "I proposed we ", "dana suggested "])
def test_when_a_plan_was_suggested_after_it_is_no_part_of_it(lead: str, then: str) -> None:
    plans = _ACTS if lead.endswith("we ") else _GERUND_ACTS
    faults = _faults((lead,), plans, (f" {then}",))
    faults += [f"{lead + plan!r} kept when it was said: {question}" for plan in plans
               if then in (question := supportive_question(f"{lead}{plan} {then}",
                                                           ChangeKind.START, "en"))]
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize(("change", "question"), [
    # a past of the plan's own stays with it; so does a time the plan could hold
    ("Dana suggested we revisit what we decided last week",
     "How would it work for you to revisit what we decided last week?"),
    ("Dana suggested we have a sync this afternoon",
     "How would it work for you to have a sync this afternoon?"),
    ("Dana suggested we demo on Monday", "How would it work for you to demo on Monday?"),
])
def test_a_time_the_plan_holds_is_kept_after_whose_idea_it_is(change: str,
                                                               question: str) -> None:
    assert supportive_question(change, ChangeKind.DIFFERENTLY, "en") == question


@pytest.mark.parametrize(("change", "question"), [
    ("Dana suggested moving standup to 10", "How would it work for you to move standup to 10?"),
    ("Dana suggested a weekly demo", "How would it work for you if we introduced a weekly demo?"),
    ("Hi team, Dana suggested we move standup to 10 - thoughts?",
     "How would it work for you to move standup to 10?"),
    ("it's time we had a retro", "How would it work for you if we had a retro?"),
    ("I'd rather not move standup", "How would it work for you if we didn't move standup?"),
])
def test_whose_idea_or_a_wish_is_no_part_of_the_plan(change: str, question: str) -> None:
    assert supportive_question(change, ChangeKind.START, "en") == question


@pytest.mark.parametrize("change", [
    "Dana said we were late", "I'd love async standups again",
    "I'd like to see shorter retros this sprint",
    # denied or asked about, not proposed: asked "to cancel standup" before
    "Nobody suggested we cancel standup", "nobody said we should cancel standup",
    "Who suggested we cancel standup?"])
def test_a_report_of_no_plan_or_a_wish_is_not_read_as_an_act(change: str) -> None:
    """"I'd" before an act is the plan ("personally I'd move standup to 10"); before a wish
    ("I'd love …") it is not: an early version asked "to love async standups again"."""
    question = supportive_question(change, ChangeKind.START, "en")
    assert not re.search(r"to (?:love|like|see|cancel)\b|if we were late", question), question


# A thing led by a liking, a taker asked for or whose idea it is, and a stop said as no
# need, a vote or "lose": "I like the idea of a book club", "who else wants …", "it might
# be time for …", "nice to have …", "Dana suggested async standups", "there's no need for
# the weekly report", "I'd vote to drop …", "let's lose …" were quoted (1,272 of 4,824
# things and 390 of 2,142 stops in the sweeps that found them).
_MORE_THING_LEADS = ("what would you say to ", "may I propose ", "would be cool to have ",
                     "it might be time for ", "I'm a big fan of ", "I really like the idea of ",
                     "does anyone else want ", "who else wants ", "is anyone else keen on ",
                     "I'm keen on ", "we really need ", "don't we need ", "nice to have ",
                     "someone suggested ", "Dana suggested ", "dana suggested ",
                     "if only we had ")
_MORE_STOP_LEADS = ("we really don't need ", "no need for ", "there's no need for ",
                    "I'd vote to drop ", "let's lose ", "can we lose ",
                    "someone suggested we drop ", "Dana suggested dropping ",
                    "he suggested dropping ")


@pytest.mark.parametrize("lead", _MORE_THING_LEADS)
def test_a_thing_led_by_a_liking_or_whose_idea_it_is_is_read(lead: str) -> None:
    faults = _faults((lead,), _THINGS, ("", "?", " from next week", " - thoughts?"))
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("lead", _MORE_STOP_LEADS)
def test_a_stop_said_as_no_need_or_a_vote_is_read(lead: str) -> None:
    faults = _faults((lead,), _STOPPED, ("", "?", " from next week", " - thoughts?"),
                     ChangeKind.STOP)
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("change", ["Dana suggested it", "do we need standups?",
                                    "not a fan of the weekly report"])
def test_what_names_no_plan_or_judges_one_is_still_looked_at_together(change: str) -> None:
    """"Dana suggested it" asked “how about it” in an early version; whether a thing is
    needed, or a liking of it, is the user's to say (looked at together, as before)."""
    question = supportive_question(change, ChangeKind.STOP, "en")
    assert f"“{change}”" in question, question


@pytest.mark.parametrize("lead", ["Sam suggested you ", "Sam said you should ",
                                  "Sam asked if you could ", "my manager thinks you should "])
def test_an_act_someone_else_suggested_for_the_person_is_asked_of_them(lead: str) -> None:
    """"Sam suggested you run the retro next week", said to Dana, asked “how about you run
    the retro next week”; the others were quoted."""
    faults = [f"{lead + act!r}: {question}" for act in _HER_ACTS
              if (question := supportive_question(lead + act, ChangeKind.START, "en", "Dana"))
              != f"How would it work for you to {act}?"]
    assert not faults, "\n".join(faults)
