package lens

// compiledRules is replaced by the risk-rule compiler.
type compiledRules struct{}
