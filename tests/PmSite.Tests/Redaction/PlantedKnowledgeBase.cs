using PmSite.Tests.TestKit;

namespace PmSite.Tests.Redaction;

/// <summary>
/// A knowledge base with one value of every sensitive class planted in a public post-mortem, in every kind of
/// place (front matter, headings, tables, code, link targets, image alt text, an internal block), next to
/// internal post-mortems whose ids, titles, tags and services must not appear in the public edition at all.
/// </summary>
internal static class PlantedKnowledgeBase
{
    public const string Settings = """
        title: Acme Incident Library
        base_url: https://incidents.example.com/
        tracker_url: https://jira.example.com/browse/{ticket}
        redaction:
          people: [Maria Gonzalez]
          customers: [Globex Corporation]
          systems: [Bluebird]
          internal_domains: [corp.acme.internal]
          ticket_prefixes: [PAY]
          terms: { "Project Bluebird": "a database migration project" }
          keep: [PostgreSQL, Kubernetes]
        """;

    public const string Public = """
        ---
        id: INC-100
        title: Checkout errors for Globex Corporation after the Bluebird cut-over
        date: 2025-03-04
        severity: SEV2
        status: Published
        published: 2025-03-06
        authors: [priya.raman]
        reviewers: [tomasz.nowak]
        services: [checkout-api, bluebird]
        tags: [connection-pool, globex-corporation, globex]
        summary: Globex Corporation's checkout failed for 40 minutes; about $45,000 in orders were lost.
        related: [INC-200, INC-101]
        visibility: public
        ---

        ## Executive Summary

        Maria Gonzalez declared SEV2 in #inc-checkout after Project Bluebird moved traffic onto Bluebird.
        Gonzalez's first call was to roll back; PostgreSQL on Kubernetes held up and the TLS handshake was fine.

        ## Impact on Globex Corporation

        - **Revenue impact**: ARR of €1.2M at risk; 12,000 USD in credits.
        - A card number 4111 1111 1111 1111 and the account GB82 WEST 1234 5698 7654 32 appeared in a log.
        - Availability was 99.95% for the month; HTTP 503 for 40 minutes.

        ## Timeline

        | Time (UTC) | Event | Who/What |
        |------------|-------|----------|
        | 2025-03-04 10:30 | Errors from 10.20.4.17 and 2001:db9::42 | Monitoring |
        | 2025-03-04 10:35 | Paged on-call | @oskar.lind |
        | 2025-03-04 10:40 | Rolled back | Hana Sato |

        ## Root Cause Analysis

        See [the dashboard](https://grafana.corp.acme.internal/d/pools) and db-7.corp.acme.internal;
        mail dba@corp.acme.internal. As in INC-200, see [the ledger write-up](../2024/INC-200-ledger.md).

        ```text
        2025-03-04T10:30:00Z ERROR client=10.20.4.17 key=AKIAIOSFODNN7EXAMPLE
        token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
        password=Sup3r-Secret!
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
        -----END PRIVATE KEY-----
        ```

        ![Globex Corporation traffic](https://grafana.corp.acme.internal/render/pools.png)

        ## Action Items

        | Action | Owner | Deadline | Status | Ticket |
        |--------|-------|----------|--------|--------|
        | Add a pool saturation alert | Lena Fischer | 2025-04-01 | Done | PAY-4242 |

        <!-- internal -->
        Sven Olsen confirmed the Q3 renewal worth $2,500,000.
        <!-- /internal -->

        ## Lessons Learned

        Saturation is the signal; errors are the outcome.
        """;

    public const string PublicTemplate = """
        # Post-Mortem: Search latency from DNS timeouts

        **Date**: 2025-02-01
        **Incident ID**: INC-101
        **Severity**: SEV3
        **Status**: Published
        **Author(s)**: Maria Gonzalez
        **Visibility**: public

        ---

        ## Executive Summary

        The resolver on 10.9.8.7 timed out, which slowed search. It follows INC-100.
        """;

    public const string InternalLedger = """
        ---
        id: INC-200
        title: Ledger drift between billing and payouts overnight
        date: 2024-06-01
        severity: SEV1
        status: Published
        tags: [zephyr-secret-tag]
        services: [ledger-service-internal]
        ---

        ## Executive Summary

        Internal only.
        """;

    public const string InternalQuartz = """
        ---
        id: INC-201
        title: Quartz batch stalled overnight in the warehouse
        date: 2024-07-01
        severity: SEV3
        status: Published
        related: [INC-100]
        visibility: internal
        ---

        ## Executive Summary

        Also internal; it names INC-100.
        """;

    /// <summary>Every planted value, and what must not appear of the withheld post-mortems.</summary>
    public static readonly string[] Values =
    [
        "Maria Gonzalez", "priya.raman", "Priya Raman", "tomasz.nowak", "oskar.lind", "Hana Sato", "Lena Fischer", "Sven Olsen",
        "Globex Corporation", "Globex", "Bluebird", "Project Bluebird",
        "grafana.corp.acme.internal", "db-7.corp.acme.internal", "dba@corp.acme.internal", "corp.acme.internal",
        "10.20.4.17", "2001:db9::42", "10.9.8.7",
        "$45,000", "€1.2M", "1.2M", "12,000 USD", "$2,500,000", "Q3 renewal",
        "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32",
        "PAY-4242", "jira.example.com",
        "AKIAIOSFODNN7EXAMPLE", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "Sup3r-Secret!", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
        "#inc-checkout", "inc-checkout",
        "INC-200", "INC-201", "Ledger drift between billing and payouts", "Quartz batch stalled", "zephyr-secret-tag",
        "ledger-service-internal", "INC-200-ledger",
    ];

    /// <summary>First names and surnames alone, which only count written as names (capitalised).</summary>
    public static readonly string[] NameParts = ["Maria", "Gonzalez", "Priya", "Raman", "Tomasz", "Nowak", "Oskar", "Lind", "Hana", "Sato", "Lena", "Fischer", "Sven", "Olsen"];

    public static string Write(TempFolder temp, string name = "kb")
    {
        temp.Write($"{name}/pmsite.yml", Settings);
        temp.Write($"{name}/post-mortems/2025/INC-100-checkout-errors.md", Public);
        temp.Write($"{name}/post-mortems/2025/INC-101-search-latency.md", PublicTemplate);
        temp.Write($"{name}/post-mortems/2024/INC-200-ledger.md", InternalLedger);
        temp.Write($"{name}/post-mortems/2024/INC-201-quartz.md", InternalQuartz);
        temp.Write($"{name}/reading-lists/start-here.yml", """
            title: Start here
            description: Three incidents, read in order.
            items:
              - id: INC-100
                note: Globex Corporation's outage, and why Maria Gonzalez rolled back first.
              - id: INC-200
                note: The ledger drift.
              - id: INC-101
            """);
        temp.Write($"{name}/reading-lists/finance.yml", """
            title: Finance incidents
            items:
              - id: INC-200
            """);
        temp.Write($"{name}/pages/about.md", """
            ---
            title: About
            ---

            # About

            Questions go to Maria Gonzalez.

            <!-- internal -->
            Staff wiki: https://wiki.corp.acme.internal/incidents
            <!-- /internal -->
            """);
        return temp.Combine(name);
    }
}
