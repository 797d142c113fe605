package com.ecomnow.analytics.facts;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AnalyticsController {

    private final AnalyticsSummaryQuery query;

    AnalyticsController(AnalyticsSummaryQuery query) {
        this.query = query;
    }

    @GetMapping("/analytics/summary")
    AnalyticsSummary summary() {
        return query.summary();
    }
}
