import Foundation
import PPTDomain

/// The fixed sentences of the voice assistant in sk, cs, de and en.
enum VoicePhrases {
    static func cardTitle(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Môj dom", cs: "Můj dům", de: "Mein Haus", en: "My building")
    }

    static func switchedOff(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Hlasový asistent je vo vašej organizácii vypnutý.",
                           cs: "Hlasový asistent je ve vaší organizaci vypnutý.",
                           de: "Der Sprachassistent ist in Ihrer Organisation ausgeschaltet.",
                           en: "The voice assistant is switched off for your organization.")
    }

    static func askOnly(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Toto prepojenie umožňuje len otázky. Prepojte účet znova a povoľte akcie.",
                           cs: "Toto propojení umožňuje jen dotazy. Propojte účet znovu a povolte akce.",
                           de: "Diese Verknüpfung erlaubt nur Fragen. Verknüpfen Sie das Konto neu und erlauben Sie Aktionen.",
                           en: "This link only allows questions. Link your account again and allow actions.")
    }

    static func help(_ locale: AppLocale) -> String {
        AssistantText.pick(
            locale,
            sk: "Môžete sa opýtať, koľko dlžíte, nahlásiť poruchu, zistiť stav svojich porúch, vypočuť si oznamy, "
                + "opýtať sa na najbližší odpočet, nahlásiť stav merača alebo odkázať niečo správcovi. Čo si želáte?",
            cs: "Můžete se zeptat, kolik dlužíte, nahlásit závadu, zjistit stav svých závad, poslechnout si oznámení, "
                + "zeptat se na nejbližší odečet, nahlásit stav měřidla nebo něco vzkázat správci. Co si přejete?",
            de: "Sie können fragen, was Sie schulden, eine Störung melden, den Stand Ihrer Meldungen erfahren, "
                + "Mitteilungen hören, nach der nächsten Ablesung fragen, einen Zählerstand melden oder der "
                + "Verwaltung etwas ausrichten. Was möchten Sie?",
            en: "You can ask what you owe, report a fault, check your open faults, hear the latest announcements, "
                + "ask about the next meter reading, submit a meter reading or leave a message for the manager. "
                + "What would you like?")
    }

    static func anythingElse(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Čo si želáte?", cs: "Co si přejete?", de: "Was möchten Sie?",
                           en: "What would you like?")
    }

    static func goodbye(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Dovidenia.", cs: "Na shledanou.", de: "Auf Wiederhören.", en: "Goodbye.")
    }

    static func yesOrNo(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Povedzte áno alebo nie.", cs: "Řekněte ano, nebo ne.",
                           de: "Sagen Sie ja oder nein.", en: "Say yes or no.")
    }

    static func nothingPending(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Nie je čo potvrdiť.", cs: "Není co potvrdit.",
                           de: "Es gibt nichts zu bestätigen.", en: "There is nothing to confirm.")
    }

    static func cancelled(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Dobre, nič som neurobila.", cs: "Dobře, nic jsem neudělala.",
                           de: "In Ordnung, ich habe nichts getan.", en: "All right, I did nothing.")
    }

    static func askFaultDescription(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Čo sa pokazilo a kde?", cs: "Co se pokazilo a kde?",
                           de: "Was ist kaputt und wo?", en: "What is broken, and where?")
    }

    static func askManagerMessage(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Čo mám správcovi odkázať?", cs: "Co mám správci vzkázat?",
                           de: "Was soll ich der Verwaltung ausrichten?", en: "What should I tell the manager?")
    }

    static func askReadingValue(_ locale: AppLocale) -> String {
        AssistantText.pick(locale, sk: "Aký stav merača mám zapísať? Povedzte napríklad: stav vodomera 1234.",
                           cs: "Jaký stav měřidla mám zapsat? Řekněte například: stav vodoměru 1234.",
                           de: "Welchen Zählerstand soll ich erfassen? Sagen Sie zum Beispiel: Wasserzähler 1234.",
                           en: "Which reading should I submit? Say for example: water meter 1234.")
    }
}
