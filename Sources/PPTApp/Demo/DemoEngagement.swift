import Foundation
import PPTDomain
import PPTStorage

/// Announcements (published and pinned, scheduled, draft) and the owners' vote on the facade renovation.
struct DemoEngagement {
    let context: DemoContext
    let estate: DemoEstate

    func seed() async throws {
        try await seedAnnouncements()
        try await seedVote()
    }

    private func seedAnnouncements() async throws {
        let announcements = AnnouncementRepository(database: context.runtime.database, clock: context.runtime.clock)
        let manager = try await context.scope(of: context.users.manager)

        let heating = try await announcements.create(manager, AnnouncementInput(
            title: "Vykurovacia sezóna: odvzdušnite radiátory",
            body: """
                Vážení obyvatelia,

                vykurovacie obdobie trvá od 1. septembra do 31. mája. Vykurovať začíname, keď priemerná denná \
                vonkajšia teplota klesne dva dni po sebe pod 13 °C a predpoveď neočakáva oteplenie.

                Pred začiatkom vykurovania prosím odvzdušnite radiátory a skontrolujte, či sú termostatické \
                hlavice voľne otočné. Hlavice neodstraňujte a pomerové merače tepla nezakrývajte. V zime vetrajte \
                krátko a intenzívne; okná na chodbách nenechávajte otvorené.

                Poruchy vykurovania hláste cez aplikáciu PPT (Poruchy → Nová porucha) alebo na čísle \
                +421 2 5555 0100.

                Mária Kováčová, správkyňa
                """,
            pinned: true))
        _ = try await announcements.publish(manager, id: heating.id)

        let elevator = try await announcements.create(manager, AnnouncementInput(
            title: "Odborná prehliadka výťahu v dome A",
            body: """
                Dňa \(context.today.adding(days: 5).slovakText) od 8:00 do 12:00 vykoná servisná firma odbornú \
                prehliadku a skúšku výťahu v dome Slnečnica A. Počas prehliadky nebude výťah v prevádzke. \
                Ďakujeme za pochopenie.
                """,
            target: AnnouncementTarget(all: false, buildingIDs: [estate.buildingA.id])))
        let publishAt = Calendar.utc.date(byAdding: .hour, value: 6, to: context.today.adding(days: 2).startOfDay)!
        _ = try await announcements.schedule(manager, id: elevator.id, AnnouncementSchedule(publishAt: publishAt))

        _ = try await announcements.create(manager, AnnouncementInput(
            title: "Veľkoobjemový kontajner pri dome B",
            body: """
                Dňa \(context.today.adding(days: 12).slovakText) bude pri dome Slnečnica B pristavený \
                veľkoobjemový kontajner na nábytok a iný objemný odpad. Elektrospotrebiče, pneumatiky a stavebný \
                odpad doň nepatria – odovzdajte ich na zbernom dvore.
                """,
            target: AnnouncementTarget(all: false, buildingIDs: [estate.buildingB.id])))
    }

    /// The written vote that the owners' meeting called for (see the minutes in `DemoMinutes`); the
    /// owner demo user has already answered for A101, so the results are not empty and A102 is left to try.
    private func seedVote() async throws {
        let votes = VoteRepository(database: context.runtime.database, clock: context.runtime.clock)
        let options = ["Za", "Proti", "Zdržiavam sa"]
        let vote = try await votes.create(context.admin, VoteInput(
            buildingID: estate.buildingA.id,
            title: "Obnova fasády a zateplenie domu Slnečnica A",
            description: """
                Písomné hlasovanie podľa § 14a zákona č. 182/1993 Z. z., ktoré vyhlásila schôdza vlastníkov. \
                Podklady (tri cenové ponuky, energetický audit a návrh úverovej zmluvy) nájdete v dokumentoch \
                v priečinku Zápisnice. Na schválenie je potrebná nadpolovičná väčšina hlasov všetkých vlastníkov.
                """,
            questions: [
                VoteQuestionInput(
                    id: "realizacia",
                    text: "Súhlasíte s obnovou fasády a zateplením domu podľa ponuky spoločnosti Zatepľovanie Hron "
                        + "s. r. o. za 186 400 € s DPH?",
                    options: options),
                VoteQuestionInput(
                    id: "financovanie",
                    text: "Súhlasíte s financovaním obnovy úverom zo Štátneho fondu rozvoja bývania na 20 rokov, "
                        + "splácaným z fondu prevádzky, údržby a opráv?",
                    options: options),
            ]))
        _ = try await votes.open(context.admin, id: vote.id, VoteOpening(
            endsAt: Calendar.utc.date(byAdding: .day, value: 14, to: context.now)))
        let owner = try await context.scope(of: context.users.owner)
        _ = try await votes.respond(owner, id: vote.id, VoteBallot(unitID: estate.unit("A101").id, answers: [
            VoteAnswer(questionID: "realizacia", option: "Za"),
            VoteAnswer(questionID: "financovanie", option: "Za"),
        ]))
    }
}
