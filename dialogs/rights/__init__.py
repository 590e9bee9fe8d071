"""The rights check: a dated rule table and an evaluator that explains each outcome."""

from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Dependant, Household
from dialogs.rights.outcome import Outcome, Report
from dialogs.rights.table import RuleTable, default_table, parse_table

__all__ = ["Dependant", "Household", "Outcome", "Report", "RuleTable", "default_table", "evaluate", "parse_table"]
