package ui

import (
	"regexp"
	"strings"
)

// The store and the lens engine say what is wrong with an input in English, for the API,
// the CLI and the logs alike: "must be at most 100 characters, got 130". A Korean page
// shows the same fact in Korean. The messages are made from a small set of sentence shapes,
// so the translation is one rule per shape, with the numbers, names and values carried over;
// a message no rule knows is shown as it is, which is still the exact fact.

// problemRule rewrites one sentence shape. The Korean template refers to the pattern's
// groups as ${1}, ${2}, ... (braced: Go would read "$1자" as a group named "1자").
type problemRule struct {
	re *regexp.Regexp
	ko string
}

// problemText translates validation messages for one language.
type problemText struct {
	rules []problemRule
}

// newProblemText returns the translator of lang; English needs none.
func newProblemText(lang string) *problemText {
	if lang != "ko" {
		return &problemText{}
	}
	var rules []problemRule
	add := func(pattern, ko string) {
		rules = append(rules, problemRule{regexp.MustCompile("^" + pattern + "$"), ko})
	}
	// What a value must be.
	add(`is required`, "필수 항목입니다")
	add(`is required \((\d+) to (\d+) characters\)`, "필수 항목입니다(${1}~${2}자)")
	add(`is answered twice`, "답이 두 번 들어 있습니다")
	add(`is required when url is given`, "url이 있으면 필수 항목입니다")
	add(`must be an object`, "JSON 객체여야 합니다")
	add(`must be an array`, "JSON 배열이어야 합니다")
	add(`must be a string`, "문자열이어야 합니다")
	add(`must be positive`, "양수여야 합니다")
	add(`must be an http:// or https:// URL`, "http:// 또는 https:// URL이어야 합니다")
	add(`must be a milestone number`, "마일스톤 번호여야 합니다")
	// Lengths and counts.
	add(`must be at most (\d+) characters`, "최대 ${1}자까지 입력할 수 있습니다")
	add(`must be at most (\d+) characters, got (\d+)`, "최대 ${1}자까지 입력할 수 있습니다(입력 ${2}자)")
	add(`must be at least (\d+) characters, got (\d+)`, "최소 ${1}자 이상이어야 합니다(입력 ${2}자)")
	add(`must be (\d+) to (\d+) characters, got (\d+)`, "${1}~${2}자여야 합니다(입력 ${3}자)")
	add(`must be (\d+)–(\d+) characters`, "${1}~${2}자여야 합니다")
	add(`must be (\d+)–(\d+) characters of (.+)`, "${1}~${2}자의 ${3}(으)로 이루어져야 합니다")
	add(`must be (\d+)–(\d+) characters of A–Z, a–z, 0–9 and _`, "${1}~${2}자의 영문자, 숫자, 밑줄(_)이어야 합니다")
	add(`must be (\d+)–(\d+) characters of A–Z, a–z, 0–9, _ and -`, "${1}~${2}자의 영문자, 숫자, 밑줄(_), 하이픈(-)이어야 합니다")
	add(`must be (\d+) to (\d+) letters, digits, dots, dashes or underscores`, "${1}~${2}자의 영문자, 숫자, 점(.), 하이픈(-), 밑줄(_)이어야 합니다")
	add(`must be at most (\d+) bytes`, "최대 ${1}바이트까지 허용됩니다")
	add(`must be at most (\d+) bytes \(found (\d+) bytes\)`, "최대 ${1}바이트까지 허용됩니다(입력 ${2}바이트)")
	add(`a custom lens must be at most (\d+) bytes, got (\d+)`, "사용자 지정 렌즈는 최대 ${1}바이트까지 허용됩니다(입력 ${2}바이트)")
	add(`must export to at most (\d+) bytes`, "내보낸 결과가 최대 ${1}바이트를 넘지 않아야 합니다")
	add(`must be between (\d+) and (\d+), got (.+)`, "${1}에서 ${2} 사이여야 합니다(입력: ${3})")
	add(`must have 1–(\d+) items`, "항목이 1~${1}개 있어야 합니다")
	add(`must have 1–(\d+) choices`, "선택지가 1~${1}개 있어야 합니다")
	add(`must have 1–(\d+) questions`, "질문이 1~${1}개 있어야 합니다")
	add(`must have 1–(\d+) pillars`, "원칙(pillar)이 1~${1}개 있어야 합니다")
	add(`must have 1–(\d+) risk rules`, "위험 규칙이 1~${1}개 있어야 합니다")
	add(`must have at least 1 tag`, "태그가 1개 이상 있어야 합니다")
	add(`must have at most (\d+) tags, got (\d+)`, "태그는 최대 ${1}개입니다(입력 ${2}개)")
	add(`must (?:list|name) at most (\d+) [^,]+, got (\d+)`, "최대 ${1}개까지 지정할 수 있습니다(입력 ${2}개)")
	add(`must name 1 to (\d+) .+`, "1~${1}개를 지정해야 합니다")
	add(`must name 1 to (\d+) [^,]+, got (\d+)`, "1~${1}개를 지정해야 합니다(입력 ${2}개)")
	add(`must select (\d+) to (\d+) choices, got (\d+)`, "선택지를 ${1}~${2}개 골라야 합니다(선택 ${3}개)")
	// Choices among fixed values.
	add(`must be one of (.+)`, "다음 중 하나여야 합니다: ${1}")
	add(`must be one of (.+), got (.+)`, "다음 중 하나여야 합니다: ${1} (입력: ${2})")
	add(`must be ([A-Za-z_]+(?:, [A-Za-z_]+)*) or ([A-Za-z_]+)`, "${1} 또는 ${2} 중 하나여야 합니다")
	add(`must be ([A-Za-z_]+(?:, [A-Za-z_]+)*) or ([A-Za-z_]+), not (.+)`, "${1} 또는 ${2} 중 하나여야 합니다(입력: ${3})")
	// Identifiers.
	add(`must be a 12-digit account ID, got (.+)`, "12자리 AWS 계정 ID여야 합니다(입력: ${1})")
	add(`must be 12-digit account IDs, got (.+)`, "12자리 AWS 계정 ID여야 합니다(입력: ${1})")
	add(`must be a 12-digit account ID or a user ARN \(arn:aws:iam::ACCOUNT:user/NAME\); organizations are not supported, got (.+)`,
		"12자리 계정 ID 또는 사용자 ARN(arn:aws:iam::ACCOUNT:user/NAME)이어야 합니다. 조직은 지원하지 않습니다(입력: ${1})")
	add(`must be AWS region codes such as us-east-1, got (.+)`, "us-east-1 같은 AWS 리전 코드여야 합니다(입력: ${1})")
	add(`either AwsRegions or NonAwsRegions \(or both\) must (?:remain set|be given)`, "AWS 리전과 AWS 외 리전 중 하나 이상을 입력해야 합니다")
	add(`must be an http, https or ftp URL, got (.+)`, "http, https 또는 ftp URL이어야 합니다(입력: ${1})")
	add(`must be pillar IDs of 1 to 64 letters, digits or underscores, got (.+)`, "1~64자의 영문자, 숫자, 밑줄로 된 원칙(pillar) ID여야 합니다(입력: ${1})")
	add(`must be 1 to 64 letters, digits or \+=,\.@_-, got (.+)`, "1~64자의 영문자, 숫자 또는 +=,.@_- 문자여야 합니다(입력: ${1})")
	add(`must be an upper-case Jira project key, got (.+)`, "대문자 Jira 프로젝트 키여야 합니다(입력: ${1})")
	add(`must be letters, digits, spaces and .+, got (.+)`, "영문자, 숫자, 공백과 - _ . , : / ( ) @ ! & ? # + ' 문자만 쓸 수 있습니다(입력: ${1})")
	add(`tag key must be 1 to 128 characters, got (\d+)`, "태그 키는 1~128자여야 합니다(입력 ${1}자)")
	add(`tag keys starting with aws: are reserved`, "aws:로 시작하는 태그 키는 예약되어 있습니다")
	add(`tag value must be at most 256 characters, got (\d+)`, "태그 값은 최대 256자입니다(입력 ${1}자)")
	add(`(".*") is not a pillar of lens (.+)`, "${1}은(는) 렌즈 ${2}의 원칙(pillar)이 아닙니다")
	add(`is not a pillar of lens (.+)`, "렌즈 ${1}의 원칙(pillar)이 아닙니다")
	add(`(".*") is not a question of pillar (.+)`, "${1}은(는) 원칙(pillar) ${2}의 질문이 아닙니다")
	add(`is not a question of the profile template`, "프로필 템플릿의 질문이 아닙니다")
	add(`must be 32 lowercase hexadecimal characters, got (.+)`, "소문자 16진수 32자여야 합니다(입력: ${1})")
	// Answers and lens structure.
	add(`(".*") is not a choice of this question`, "${1}은(는) 이 질문의 선택지가 아닙니다")
	add(`(".*") is not a choice of question (.+)`, "${1}은(는) 질문 ${2}의 선택지가 아닙니다")
	add(`duplicate (\S+) ID; first used at (.+)`, "중복된 ${1} ID입니다(처음 사용된 위치: ${2})")
	add(`duplicate choice ID; first used at (.+)`, "선택지 ID가 중복됩니다(처음 사용된 위치: ${1})")
	add(`duplicate question ID; first used at (.+)`, "질문 ID가 중복됩니다(처음 사용된 위치: ${1})")
	add(`duplicate pillar ID; first used at (.+)`, "원칙(pillar) ID가 중복됩니다(처음 사용된 위치: ${1})")
	add(`must appear once per choice; also at (.+)`, "선택지마다 한 번만 있어야 합니다(다른 위치: ${1})")
	add(`must differ from the other rules' risks; also at (.+)`, "다른 규칙과 위험 수준이 달라야 합니다(같은 위험: ${1})")
	add(`only one rule may be "default"(.*)`, `"default" 규칙은 하나만 둘 수 있습니다${1}`)
	add(`question (.+) must have a rule with condition "default"`, `질문 ${1}에는 조건이 "default"인 규칙이 있어야 합니다`)
	add(`invalid condition: (.+)`, "조건식이 올바르지 않습니다: ${1}")
	add(`invalid condition: (".*") is not a choice of this question at character (\d+)`,
		"조건식이 올바르지 않습니다: ${2}번째 문자의 ${1}은(는) 이 질문의 선택지가 아닙니다")
	add(`invalid condition: expected a choice ID, "!" or "\(", found the end at character (\d+)`,
		`조건식이 올바르지 않습니다: ${1}번째 문자에서 식이 끝났습니다. 선택지 ID, "!" 또는 "("가 와야 합니다`)
	add(`invalid condition: expected a choice ID, "!" or "\(", found (".*") at character (\d+)`,
		`조건식이 올바르지 않습니다: ${2}번째 문자에 선택지 ID, "!" 또는 "("가 와야 하는데 ${1}이(가) 있습니다`)
	add(`invalid condition: missing "\)" at character (\d+)`, `조건식이 올바르지 않습니다: ${1}번째 문자에 닫는 괄호 ")"가 없습니다`)
	add(`invalid condition: unexpected (".*") at character (\d+)`, "조건식이 올바르지 않습니다: ${2}번째 문자의 ${1}은(는) 올 수 없습니다")
	add(`invalid condition: nested deeper than (\d+) levels at character (\d+)`,
		"조건식이 올바르지 않습니다: 괄호가 ${1}단계보다 깊습니다(${2}번째 문자)")
	add(`line (\d+), column (\d+): (.+)`, "${1}행 ${2}열: ${3}")
	add(`(\d+) more problems not listed`, "그 밖에 ${1}개의 문제가 더 있습니다")
	// Conflicts.
	add(`a workload named (".*") already exists in this account(?: \(names ignore case and spaces\))?`,
		"이 계정에 이미 ${1} 워크로드가 있습니다(이름은 대소문자와 공백을 구분하지 않습니다)")
	add(`workload \S+ already has a milestone named (".*")`, "이 워크로드에는 이미 ${1} 마일스톤이 있습니다")
	add(`lens \S+ already has a version (".*")`, "이 렌즈에는 이미 ${1} 버전이 있습니다")
	add(`a user named (".*") already exists`, "${1} 사용자가 이미 있습니다")
	add(`a profile named (".*") already exists in this account`, "이 계정에 이미 ${1} 프로필이 있습니다")
	return &problemText{rules: rules}
}

// translate returns msg in the translator's language. A message from the lens engine may end
// in " (found VALUE)", the value it found; the rule is translated and the value kept.
func (p *problemText) translate(msg string) string {
	if len(p.rules) == 0 {
		return msg
	}
	rule, found := msg, ""
	if i := strings.LastIndex(msg, " (found "); i > 0 && strings.HasSuffix(msg, ")") {
		rule, found = msg[:i], msg[i+len(" (found "):len(msg)-1]
	}
	out, ok := p.rewrite(rule)
	if !ok {
		if out, ok = p.rewrite(msg); ok {
			return out
		}
		return msg
	}
	if found != "" {
		out += " (입력: " + found + ")"
	}
	return out
}

// rewrite applies the last rule whose pattern matches all of s: later rules are the more
// specific shapes of earlier ones.
func (p *problemText) rewrite(s string) (string, bool) {
	for i := len(p.rules) - 1; i >= 0; i-- {
		r := p.rules[i]
		if m := r.re.FindStringSubmatchIndex(s); m != nil {
			return string(r.re.ExpandString(nil, r.ko, s, m)), true
		}
	}
	return "", false
}
