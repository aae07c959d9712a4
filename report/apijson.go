package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/wellops/wellops"
)

// appendMetric appends the JSON of one consolidated metric in the API's shape: the same
// bytes json.Marshal(metricJSON(m, applied)) gives (a test holds them equal), written
// without reflection or allocation, because a report over 10,000 workloads writes a
// million of these values.
func appendMetric(b []byte, m *wellops.ConsolidatedMetric, applied int) []byte {
	b = append(b, `{"MetricType":"WORKLOAD","RiskCounts":`...)
	b = appendCounts(b, m.RiskCounts)
	b = append(b, `,"WorkloadId":`...)
	b = appendString(b, m.WorkloadID)
	b = append(b, `,"WorkloadName":`...)
	b = appendString(b, m.WorkloadName)
	b = append(b, `,"WorkloadArn":`...)
	b = appendString(b, m.WorkloadARN)
	b = append(b, `,"UpdatedAt":`...)
	b = strconv.AppendFloat(b, float64(m.UpdatedAt.UnixMilli())/1000, 'f', -1, 64)
	b = append(b, `,"Lenses":[`...)
	for i, lm := range m.Lenses {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"LensArn":`...)
		b = appendString(b, lm.LensARN)
		b = append(b, `,"RiskCounts":`...)
		b = appendCounts(b, lm.RiskCounts)
		b = append(b, `,"Pillars":[`...)
		for j, pm := range lm.Pillars {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"PillarId":`...)
			b = appendString(b, pm.PillarID)
			b = append(b, `,"RiskCounts":`...)
			b = appendCounts(b, pm.RiskCounts)
			b = append(b, `,"Questions":[`...)
			for k, qm := range pm.Questions {
				if k > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"QuestionId":`...)
				b = appendString(b, qm.QuestionID)
				b = append(b, `,"Risk":`...)
				b = appendString(b, qm.Risk)
				b = append(b, `,"BestPractices":[`...)
				for n, bp := range qm.BestPractices {
					if n > 0 {
						b = append(b, ',')
					}
					b = append(b, `{"ChoiceId":`...)
					b = appendString(b, bp.ChoiceID)
					b = append(b, `,"ChoiceTitle":`...)
					b = appendString(b, bp.ChoiceTitle)
					b = append(b, '}')
				}
				b = append(b, "]}"...)
			}
			b = append(b, "]}"...)
		}
		b = append(b, "]}"...)
	}
	b = append(b, `],"LensesAppliedCount":`...)
	b = strconv.AppendInt(b, int64(applied), 10)
	return append(b, '}')
}

func appendCounts(b []byte, c wellops.RiskCounts) []byte {
	b = append(b, `{"HIGH":`...)
	b = strconv.AppendInt(b, int64(c.High), 10)
	b = append(b, `,"MEDIUM":`...)
	b = strconv.AppendInt(b, int64(c.Medium), 10)
	b = append(b, `,"NONE":`...)
	b = strconv.AppendInt(b, int64(c.None), 10)
	b = append(b, `,"NOT_APPLICABLE":`...)
	b = strconv.AppendInt(b, int64(c.NotApplicable), 10)
	b = append(b, `,"UNANSWERED":`...)
	b = strconv.AppendInt(b, int64(c.Unanswered), 10)
	return append(b, '}')
}

// appendString quotes s as encoding/json does by default: control characters, quotes and
// backslashes escaped, < > & and U+2028/U+2029 as \u escapes, invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
