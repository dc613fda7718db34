"""The validation engine: generated predicates on the hot path, the generated explainer only
when one fails, and the messages that turn its issues into findings."""
