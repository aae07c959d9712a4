package wellops

// BuiltinProfileTemplate returns wellops's profile template in lang ("en" or "ko"; anything
// else is English). The AWS tool's template is AWS's own; this one is ours, asking about the
// business context that should move Operational Excellence questions up the list. The values
// of Prioritizes are question IDs of the built-in lens.
func BuiltinProfileTemplate(lang string) ProfileTemplate {
	t := func(en, ko string) string {
		if lang == "ko" {
			return ko
		}
		return en
	}
	return ProfileTemplate{
		Name: t("Operational Excellence profile", "운영 우수성 프로필"),
		Questions: []ProfileQuestion{
			{
				QuestionID:  "business_goal",
				Title:       t("What does the business need most from this workload now?", "지금 이 워크로드에 비즈니스가 가장 기대하는 것은 무엇인가요?"),
				Description: t("Pick the goals that drive decisions this year; their questions move to the top of the review.", "올해 의사 결정을 이끄는 목표를 고르세요. 관련 질문이 리뷰 맨 앞으로 옵니다."),
				Min:         1, Max: 3,
				Choices: []ProfileChoice{
					{ID: "ship_faster", Title: t("Ship changes faster", "더 빠른 변경 배포"), Description: t("Shorter lead time from idea to production.", "아이디어에서 프로덕션까지의 시간을 줄입니다.")},
					{ID: "fewer_incidents", Title: t("Fewer and shorter incidents", "장애 감소와 빠른 복구"), Description: t("Customers notice outages less often and for less time.", "고객이 장애를 덜 자주, 더 짧게 겪습니다.")},
					{ID: "compliance", Title: t("Meet regulatory or contractual duties", "규제와 계약 의무 준수"), Description: t("Audits, certifications or customer contracts set firm rules.", "감사, 인증, 고객 계약이 엄격한 규칙을 정합니다.")},
					{ID: "customer_experience", Title: t("Better customer experience", "고객 경험 개선"), Description: t("Latency, errors and journeys as customers see them.", "고객이 느끼는 지연, 오류, 이용 흐름을 개선합니다.")},
					{ID: "team_scale", Title: t("Grow the team without losing control", "통제력을 잃지 않는 팀 확장"), Description: t("More people and teams work on the workload.", "더 많은 사람과 팀이 워크로드를 다룹니다.")},
				},
				Prioritizes: map[string][]string{
					"ship_faster":         {"dev-integ", "mit-deploy-risks"},
					"fewer_incidents":     {"observability", "workload-observability", "event-response", "evolve-ops"},
					"compliance":          {"priorities", "ops-model", "ready-to-support"},
					"customer_experience": {"priorities", "observability", "workload-observability"},
					"team_scale":          {"ops-model", "org-culture", "ready-to-support"},
				},
			},
			{
				QuestionID:  "lifecycle",
				Title:       t("Where is the workload in its life?", "워크로드는 어느 단계에 있나요?"),
				Description: t("Readiness matters most before launch; learning loops matter most once it runs.", "출시 전에는 준비 상태가, 운영 중에는 학습 순환이 가장 중요합니다."),
				Min:         1, Max: 1,
				Choices: []ProfileChoice{
					{ID: "pre_launch", Title: t("Before launch", "출시 전"), Description: t("Not yet serving customers.", "아직 고객에게 서비스하지 않습니다.")},
					{ID: "growing", Title: t("Growing", "성장 중"), Description: t("Live, with usage and features growing quickly.", "운영 중이며 사용량과 기능이 빠르게 늘고 있습니다.")},
					{ID: "mature", Title: t("Mature", "성숙"), Description: t("Stable and business-critical.", "안정적이며 비즈니스에 핵심적입니다.")},
				},
				Prioritizes: map[string][]string{
					"pre_launch": {"ready-to-support", "observability", "mit-deploy-risks"},
					"growing":    {"dev-integ", "operations-health"},
					"mature":     {"operations-health", "evolve-ops", "event-response"},
				},
			},
			{
				QuestionID:  "operating_model",
				Title:       t("Who runs the workload in production?", "프로덕션 운영은 누가 맡나요?"),
				Description: t("Ownership and hand-offs shape how events are handled.", "소유권과 인계 방식이 이벤트 대응 방식을 좌우합니다."),
				Min:         0, Max: 1,
				Choices: []ProfileChoice{
					{ID: "same_team", Title: t("The team that builds it", "개발한 팀이 직접"), Description: t("You build it, you run it.", "만든 팀이 운영합니다.")},
					{ID: "separate_ops", Title: t("A separate operations team", "별도의 운영 팀"), Description: t("Operations is handed over to another team.", "운영을 다른 팀에 넘깁니다.")},
					{ID: "partner", Title: t("A partner or managed service", "파트너 또는 관리형 서비스"), Description: t("An outside party operates part of it.", "외부 조직이 일부를 운영합니다.")},
				},
				Prioritizes: map[string][]string{
					"same_team":    {"org-culture"},
					"separate_ops": {"ops-model", "ready-to-support"},
					"partner":      {"ops-model", "ready-to-support", "event-response"},
				},
			},
		},
	}
}
