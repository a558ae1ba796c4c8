import Foundation
import PPTDomain

/// The consent pages' words in one language.
struct OAuthConsentText {
    let title: String
    let asksFormat: String
    let signedInFormat: String
    let email: String
    let password: String
    let signIn: String
    let choose: String
    let allow: String
    let deny: String
    let errorTitle: String
    let invalidCredentials: String
    let locked: String
    let noOrganizations: String
    let invalidChoice: String
    let expired: String
    let voiceScope: String
    let actionsScope: String
    let unknownClient: String
    let badRedirect: String
    let badForm: String

    func asks(_ client: String) -> String { asksFormat.replacingOccurrences(of: "%@", with: client) }
    func signedInAs(_ user: String) -> String { signedInFormat.replacingOccurrences(of: "%@", with: user) }
    func scope(_ scope: String) -> String {
        switch scope {
        case "voice": voiceScope
        case "voice.actions": actionsScope
        default: scope
        }
    }

    static func of(_ locale: AppLocale) -> OAuthConsentText {
        switch locale {
        case .sk: OAuthConsentText(
            title: "Prepojenie hlasového asistenta", asksFormat: "%@ žiada o prístup k vášmu účtu PPT:",
            signedInFormat: "Prihlásený ako %@.", email: "E-mail", password: "Heslo", signIn: "Prihlásiť sa",
            choose: "Organizácia a jednotka", allow: "Povoliť", deny: "Zamietnuť", errorTitle: "Prepojenie zlyhalo",
            invalidCredentials: "E-mail alebo heslo nie je správne.",
            locked: "Príliš veľa neúspešných pokusov. Skúste to neskôr.",
            noOrganizations: "Váš účet nie je členom žiadnej organizácie, ktorú by bolo možné prepojiť.",
            invalidChoice: "Vyberte organizáciu a jednotku zo zoznamu.",
            expired: "Formulár vypršal. Začnite prepojenie znova.",
            voiceScope: "Čítať váš zostatok, poruchy, oznamy a odpočty meračov",
            actionsScope: "Nahlasovať poruchy, zadávať odpočty a písať správcovi vo vašom mene",
            unknownClient: "Neznáma aplikácia.", badRedirect: "Adresa presmerovania nie je registrovaná.",
            badForm: "Formulár nie je platný. Začnite prepojenie znova.")
        case .cs: OAuthConsentText(
            title: "Propojení hlasového asistenta", asksFormat: "%@ žádá o přístup k vašemu účtu PPT:",
            signedInFormat: "Přihlášen jako %@.", email: "E-mail", password: "Heslo", signIn: "Přihlásit se",
            choose: "Organizace a jednotka", allow: "Povolit", deny: "Zamítnout", errorTitle: "Propojení selhalo",
            invalidCredentials: "E-mail nebo heslo není správné.",
            locked: "Příliš mnoho neúspěšných pokusů. Zkuste to později.",
            noOrganizations: "Váš účet není členem žádné organizace, kterou by bylo možné propojit.",
            invalidChoice: "Vyberte organizaci a jednotku ze seznamu.",
            expired: "Formulář vypršel. Začněte propojení znovu.",
            voiceScope: "Číst váš zůstatek, závady, oznámení a odečty měřidel",
            actionsScope: "Hlásit závady, zadávat odečty a psát správci vaším jménem",
            unknownClient: "Neznámá aplikace.", badRedirect: "Adresa přesměrování není registrována.",
            badForm: "Formulář není platný. Začněte propojení znovu.")
        case .de: OAuthConsentText(
            title: "Sprachassistent verknüpfen", asksFormat: "%@ bittet um Zugriff auf Ihr PPT-Konto:",
            signedInFormat: "Angemeldet als %@.", email: "E-Mail", password: "Passwort", signIn: "Anmelden",
            choose: "Organisation und Einheit", allow: "Erlauben", deny: "Ablehnen",
            errorTitle: "Verknüpfung fehlgeschlagen",
            invalidCredentials: "E-Mail oder Passwort ist nicht korrekt.",
            locked: "Zu viele fehlgeschlagene Versuche. Versuchen Sie es später erneut.",
            noOrganizations: "Ihr Konto gehört zu keiner Organisation, die verknüpft werden kann.",
            invalidChoice: "Wählen Sie eine Organisation und Einheit aus der Liste.",
            expired: "Das Formular ist abgelaufen. Beginnen Sie die Verknüpfung neu.",
            voiceScope: "Ihren Kontostand, Störungen, Mitteilungen und Zählerablesungen lesen",
            actionsScope: "In Ihrem Namen Störungen melden, Zählerstände erfassen und der Verwaltung schreiben",
            unknownClient: "Unbekannte Anwendung.", badRedirect: "Die Weiterleitungsadresse ist nicht registriert.",
            badForm: "Das Formular ist ungültig. Beginnen Sie die Verknüpfung neu.")
        case .en: OAuthConsentText(
            title: "Link a voice assistant", asksFormat: "%@ asks for access to your PPT account:",
            signedInFormat: "Signed in as %@.", email: "Email", password: "Password", signIn: "Sign in",
            choose: "Organization and unit", allow: "Allow", deny: "Deny", errorTitle: "Linking failed",
            invalidCredentials: "The email or password is not correct.",
            locked: "Too many failed sign-in attempts. Try again later.",
            noOrganizations: "Your account is not a member of any organization that can be linked.",
            invalidChoice: "Choose an organization and unit from the list.",
            expired: "The form has expired. Start linking again.",
            voiceScope: "Read your balance, faults, announcements and meter readings",
            actionsScope: "Report faults, submit meter readings and message the manager on your behalf",
            unknownClient: "Unknown application.", badRedirect: "The redirect address is not registered.",
            badForm: "The form is not valid. Start linking again.")
        }
    }
}
