import Foundation
import PPTDomain

/// Everything a lease's text is filled from: the lease (its landlord and tenants, term, money), its
/// unit and its building. Nothing is invented: `check()` names every missing field.
package struct LeaseFacts: Sendable, Hashable {
    package let lease: Lease
    package let unit: BuildingUnit
    package let building: Building
    /// The day of the month rent falls due (an agreed term of the request, 1–28).
    package let dueDay: Int

    package init(lease: Lease, unit: BuildingUnit, building: Building, dueDay: Int) {
        self.lease = lease
        self.unit = unit
        self.building = building
        self.dueDay = dueDay
    }

    /// The law the lease falls under: the building's country.
    package var country: LeaseCountry? { LeaseCountry(code: building.country) }

    /// Refuses a lease whose data is incomplete (`lease.missing_fields`, every missing field named as
    /// a pointer into the lease, unit or building), of a unit that is not a flat (`validation.failed`),
    /// or unlawful (`lease.deposit_over_limit`: a Czech deposit over three months' rent, §2254).
    package func check() throws {
        var missing: [FieldError] = []
        func require(_ value: String?, _ pointer: String) {
            if (value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty {
                missing.append(FieldError(pointer: pointer, detail: "is required for a lease and is not recorded"))
            }
        }
        require(lease.landlord.name, "/lease/landlord/name")
        require(lease.landlord.address, "/lease/landlord/address")
        if lease.tenants.isEmpty {
            missing.append(FieldError(pointer: "/lease/tenants", detail: "at least one tenant is required"))
        }
        for (index, tenant) in lease.tenants.enumerated() {
            require(tenant.name, "/lease/tenants/\(index)/name")
            require(tenant.address, "/lease/tenants/\(index)/address")
        }
        if lease.rent.amountMinor <= 0 { require(nil, "/lease/rent") }
        if lease.deposit.amountMinor <= 0 { require(nil, "/lease/deposit") }
        require(unit.number, "/unit/number")
        if unit.sizeSqm <= 0 { require(nil, "/unit/sizeSqm") }
        if unit.rooms <= 0 { require(nil, "/unit/rooms") }
        require(building.street, "/building/street")
        require(building.city, "/building/city")
        require(building.postalCode, "/building/postalCode")
        if country == nil {
            missing.append(FieldError(pointer: "/building/country",
                                      detail: "must be SK or CZ for a flat lease (is \(building.country))"))
        }
        guard missing.isEmpty else {
            throw DomainError(code: "lease.missing_fields", kind: .invalid,
                              message: "The lease cannot be drafted: required data is missing.", fields: missing)
        }
        if unit.type != .flat {
            throw DomainError.invalid("/unit/type", "is \(unit.type.rawValue); the clause library drafts leases of flats")
        }
        if country == .CZ, lease.deposit.amountMinor > lease.rent.amountMinor * 3 {
            throw DomainError(code: "lease.deposit_over_limit", kind: .invalid,
                              message: "A Czech flat lease's deposit may not exceed three months' rent (§2254).",
                              fields: [FieldError(pointer: "/lease/deposit",
                                                  detail: "exceeds three times the monthly rent (§2254 Act No. 89/2012 Coll.)")])
        }
    }

    /// The tenants' names as the contract writes them.
    package var tenantNames: [String] {
        lease.tenants.map { $0.name.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The building's address: `Street 1, 010 01 City`.
    package var address: String {
        "\(building.street.leaseTrimmed), \(building.postalCode.leaseTrimmed) \(building.city.leaseTrimmed)"
    }

    /// The placeholder values in `language`.
    package func values(in language: AppLocale) -> [String: String] {
        let format = LeaseFormat(language)
        var values: [String: String] = [
            "landlord": format.party(lease.landlord),
            "landlord.name": lease.landlord.name.leaseTrimmed,
            "tenants": lease.tenants.map(format.party).joined(separator: "; "),
            "tenant.names": tenantNames.joined(separator: ", "),
            "building.address": address,
            "building.city": building.city.leaseTrimmed,
            "unit.number": unit.number.leaseTrimmed,
            "unit.floor": format.floor(unit.floor),
            "unit.size": format.area(unit.sizeSqm),
            "unit.rooms": String(unit.rooms),
            "rent": format.money(lease.rent),
            "deposit": format.money(lease.deposit),
            "startDate": format.date(lease.startDate),
            "term": format.term(start: lease.startDate, end: lease.endDate),
            "dueDay": String(dueDay),
            "copies": String(1 + lease.tenants.count),
        ]
        if let end = lease.endDate { values["endDate"] = format.date(end) }
        if let country { values.merge(country.phrases(in: language)) { _, new in new } }
        return values
    }

    /// The figures a clause built from `template` must state, as (placeholder, spelled value) pairs:
    /// names, unit number, money and dates, in `language`'s spelling.
    package func figures(of template: String, in language: AppLocale) -> [LeaseFigure] {
        let format = LeaseFormat(language)
        var figures: [LeaseFigure] = []
        func add(_ name: String, _ value: String) { figures.append(LeaseFigure(name: name, value: value)) }
        let placeholders = LeaseTemplateText.placeholders(in: template)
        if placeholders.contains("landlord") || placeholders.contains("landlord.name") {
            add("landlord's name", lease.landlord.name.leaseTrimmed)
        }
        if placeholders.contains("tenants") || placeholders.contains("tenant.names") {
            for name in tenantNames { add("tenant's name", name) }
        }
        if placeholders.contains("unit.number") { add("unit number", unit.number.leaseTrimmed) }
        if placeholders.contains("rent") { add("rent", format.money(lease.rent)) }
        if placeholders.contains("deposit") { add("deposit", format.money(lease.deposit)) }
        if placeholders.contains("startDate") || placeholders.contains("term") {
            add("start date", format.date(lease.startDate))
        }
        if placeholders.contains("term") || placeholders.contains("endDate"), let end = lease.endDate {
            add("end date", format.date(end))
        }
        return figures
    }
}

extension LeaseCountry {
    /// Country-specific phrases clause texts use: `{civilCode}`, `{countryName}`.
    func phrases(in language: AppLocale) -> [String: String] {
        switch (self, language) {
        case (.SK, .sk): ["civilCode": "zákona č. 40/1964 Zb. Občiansky zákonník", "countryName": "Slovenskej republiky"]
        case (.SK, .cs): ["civilCode": "zákona č. 40/1964 Zb., občiansky zákonník", "countryName": "Slovenské republiky"]
        case (.SK, .en): ["civilCode": "the Civil Code (Act No. 40/1964 Coll.)", "countryName": "the Slovak Republic"]
        case (.SK, .de): ["civilCode": "des Bürgerlichen Gesetzbuchs (Gesetz Nr. 40/1964 Slg.)",
                          "countryName": "der Slowakischen Republik"]
        case (.CZ, .cs): ["civilCode": "zákona č. 89/2012 Sb., občanský zákoník", "countryName": "České republiky"]
        case (.CZ, .sk): ["civilCode": "zákona č. 89/2012 Sb., občanský zákoník", "countryName": "Českej republiky"]
        case (.CZ, .en): ["civilCode": "the Civil Code (Act No. 89/2012 Coll.)", "countryName": "the Czech Republic"]
        case (.CZ, .de): ["civilCode": "des Bürgerlichen Gesetzbuchs (Gesetz Nr. 89/2012 Slg.)",
                          "countryName": "der Tschechischen Republik"]
        }
    }
}

extension String {
    var leaseTrimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
