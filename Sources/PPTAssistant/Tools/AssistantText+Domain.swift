import Foundation
import PPTDomain

extension AssistantText {
    /// A fault status as residents call it.
    package static func faultStatus(_ status: FaultStatus, _ locale: AppLocale) -> String {
        switch status {
        case .new: pick(locale, sk: "nová", cs: "nová", de: "neu", en: "new")
        case .acknowledged: pick(locale, sk: "prijatá", cs: "přijatá", de: "angenommen", en: "acknowledged")
        case .inProgress: pick(locale, sk: "v riešení", cs: "v řešení", de: "in Bearbeitung", en: "in progress")
        case .onHold: pick(locale, sk: "pozastavená", cs: "pozastavená", de: "zurückgestellt", en: "on hold")
        case .resolved: pick(locale, sk: "vyriešená", cs: "vyřešená", de: "behoben", en: "resolved")
        case .closed: pick(locale, sk: "uzavretá", cs: "uzavřená", de: "abgeschlossen", en: "closed")
        case .rejected: pick(locale, sk: "zamietnutá", cs: "zamítnutá", de: "abgelehnt", en: "rejected")
        }
    }

    /// A fault category.
    package static func faultCategory(_ category: FaultCategory, _ locale: AppLocale) -> String {
        switch category {
        case .plumbing: pick(locale, sk: "voda a kanalizácia", cs: "voda a kanalizace", de: "Sanitär", en: "plumbing")
        case .electrical: pick(locale, sk: "elektrina", cs: "elektřina", de: "Elektrik", en: "electrical")
        case .heating: pick(locale, sk: "kúrenie", cs: "topení", de: "Heizung", en: "heating")
        case .elevator: pick(locale, sk: "výťah", cs: "výtah", de: "Aufzug", en: "elevator")
        case .structural:
            pick(locale, sk: "stavebná časť", cs: "stavební část", de: "Bausubstanz", en: "structural")
        case .cleaning: pick(locale, sk: "upratovanie", cs: "úklid", de: "Reinigung", en: "cleaning")
        case .security: pick(locale, sk: "bezpečnosť", cs: "bezpečnost", de: "Sicherheit", en: "security")
        case .other: pick(locale, sk: "iné", cs: "jiné", de: "Sonstiges", en: "other")
        }
    }

    /// A fault priority.
    package static func faultPriority(_ priority: FaultPriority, _ locale: AppLocale) -> String {
        switch priority {
        case .low: pick(locale, sk: "nízka", cs: "nízká", de: "niedrig", en: "low")
        case .medium: pick(locale, sk: "stredná", cs: "střední", de: "mittel", en: "medium")
        case .high: pick(locale, sk: "vysoká", cs: "vysoká", de: "hoch", en: "high")
        case .urgent: pick(locale, sk: "naliehavá", cs: "naléhavá", de: "dringend", en: "urgent")
        }
    }

    /// What a unit is, as a lower-case noun placed before its number ("byt 3").
    package static func unitType(_ type: UnitType, _ locale: AppLocale) -> String {
        switch type {
        case .flat: pick(locale, sk: "byt", cs: "byt", de: "Wohnung", en: "flat")
        case .commercial:
            pick(locale, sk: "nebytový priestor", cs: "nebytový prostor", de: "Gewerbeeinheit", en: "commercial unit")
        case .garage: pick(locale, sk: "garáž", cs: "garáž", de: "Garage", en: "garage")
        case .parking:
            pick(locale, sk: "parkovacie miesto", cs: "parkovací místo", de: "Stellplatz", en: "parking space")
        case .storage: pick(locale, sk: "pivnica", cs: "sklep", de: "Kellerabteil", en: "storage room")
        case .other: pick(locale, sk: "jednotka", cs: "jednotka", de: "Einheit", en: "unit")
        }
    }

    /// What a meter measures.
    package static func meterKind(_ kind: MeterKind, _ locale: AppLocale) -> String {
        switch kind {
        case .coldWater: pick(locale, sk: "studená voda", cs: "studená voda", de: "Kaltwasser", en: "cold water")
        case .hotWater: pick(locale, sk: "teplá voda", cs: "teplá voda", de: "Warmwasser", en: "hot water")
        case .heat: pick(locale, sk: "teplo", cs: "teplo", de: "Wärme", en: "heat")
        case .electricity: pick(locale, sk: "elektrina", cs: "elektřina", de: "Strom", en: "electricity")
        case .gas: pick(locale, sk: "plyn", cs: "plyn", de: "Gas", en: "gas")
        }
    }

    /// A unit with its building: `Slnečnica A, byt 3`.
    package static func place(_ unit: BuildingUnit, in building: Building?, _ locale: AppLocale) -> String {
        let own = "\(unitType(unit.type, locale)) \(unit.number)"
        guard let building else { return own }
        return "\(building.name), \(own)"
    }

    /// A building's address on one line: `Hlavná 1, 81101 Bratislava`.
    package static func address(_ building: Building) -> String {
        let town = [building.postalCode, building.city].filter { !$0.isEmpty }.joined(separator: " ")
        return [building.street, town].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
