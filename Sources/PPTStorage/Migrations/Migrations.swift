/// Every migration this binary knows, in order.
package enum Migrations {
    package static let all: [Migration] = [m001Core, m002Operations, m003Health, m004Notifications, m005LLM, m006Search, m007Chat, m008Generation, m009Summaries, m010LeaseClauses, m011ListingPortals, m012OAuth, m013VoiceCommands, m014PlatformTokens, m015Workflows, m016Mail, m017WorkflowHTTPAllowlist, m018JobClaimIndex, m019ListingMedia, m020SearchChanges, m021WorkflowRunFeed]
}
