import Foundation
import PPTDomain

/// The rules for the lifts of both buildings and for building A's underground garage, in English. The
/// garage holds the privately owned box G1 that `DemoProperty` creates on level -1 of Slnečnica A.
enum DemoElevatorGarage {
    /// Elevator and Garage Rules.
    static let english = TextDocument(title: "Elevator and Garage Rules", language: .en, blocks: [
        .paragraph("Slnečnica Housing Cooperative – buildings Slnečnica A and Slnečnica B, Mlynské nivy 12 and 14, "
            + "821 09 Bratislava. These rules apply to the lifts in both buildings and to the underground "
            + "garage of Slnečnica A. They complement the house rules."),
        .heading("1. Using the lifts"),
        .item("1. Each building has one passenger lift. The lift in building A serves the garage level -1, "
            + "the ground floor and floors 1 to 3; the lift in building B serves the ground floor and floors "
            + "1 to 3."),
        .item("2. The load limit is 450 kg or 6 persons in building A and 320 kg or 4 persons in building B. "
            + "If the overload buzzer sounds, the lift will not move until someone steps out."),
        .item("3. Children under 10 may use the lift only when accompanied by a person older than 15."),
        .item("4. Dogs must be kept on a short lead in the lift, and any mess must be cleaned up straight away."),
        .item("5. Do not hold the doors open, jump in the cabin or smoke in the lift. Never use the lift in "
            + "the event of a fire."),
        .item("6. Moving furniture or building materials by lift must be booked with the manager at least "
            + "2 working days in advance. The manager lends protective mats for the cabin walls free of charge."),
        .item("7. Building materials may be carried only in closed bags of up to 25 kg; rubble and sand must "
            + "never be carried loose."),
        .heading("2. If you are trapped in the lift"),
        .item("1. Stay calm. The cabin has enough air and cannot fall, because the safety brakes hold it "
            + "in place."),
        .item("2. Press and hold the alarm button with the bell symbol for at least 5 seconds. It connects you "
            + "to the 24-hour dispatch centre of the lift service company, Lift Servis Nivy s. r. o."),
        .item("3. If the alarm does not respond, call the lift emergency line on +421 2 5555 0199, available "
            + "24 hours a day, and give the address and the building."),
        .item("4. A service technician will free you within 45 minutes of the call. Do not try to open the "
            + "doors or climb out of the cabin yourself."),
        .item("5. Once you are out, report the fault in the PPT app (Faults → New fault, category Elevator) "
            + "so that the manager can follow it up with the service company."),
        .heading("3. Lift outages and inspections"),
        .paragraph("The lift service company carries out a routine inspection every three months and a full "
            + "technical test every three years. The manager announces every planned outage in the PPT app and "
            + "on the notice board at least 3 days in advance."),
        .heading("4. Garage parking spaces"),
        .item("1. The underground garage under building A has 12 numbered parking spaces, P1 to P12, and one "
            + "lockable garage box, G1, which is privately owned."),
        .item("2. Spaces P1 to P10 are let to residents; P11 and P12 are reserved for charging electric cars."),
        .item("3. The cooperative lets a parking space for EUR 45 per month, invoiced separately from the "
            + "monthly advance payments. Free spaces are allocated by the manager from a waiting list in the "
            + "order of application."),
        .item("4. Park only in the space allocated to you, never in the driveway, on the ramp or in front of "
            + "the fire extinguishers."),
        .item("5. The maximum vehicle height is 2.10 m and the speed limit in the garage is 5 km/h."),
        .item("6. Vehicles running on LPG or CNG are not allowed in the underground garage."),
        .item("7. Do not store tyres, fuel cans, furniture or other items in the parking spaces, and do not "
            + "wash or repair vehicles in the garage."),
        .item("8. The garage is swept twice a year, in April and October. The manager announces the date at "
            + "least 7 days in advance, and all vehicles must be moved out on that day."),
        .heading("5. Electric car charging"),
        .item("1. Two charging points of 11 kW each are installed at spaces P11 and P12. Every resident who "
            + "rents a parking space may use them."),
        .item("2. Charging needs an RFID charging card, which the manager issues for a refundable deposit of "
            + "EUR 10."),
        .item("3. Electricity is charged at EUR 0.32 per kWh and billed monthly together with the parking "
            + "space rent."),
        .item("4. A charging session may last up to 8 hours. Move your car back to your own space as soon "
            + "as charging is complete, because P11 and P12 are not for ordinary parking."),
        .item("5. Installing a private wallbox at your own parking space requires the manager's written "
            + "consent and an electrical inspection report."),
        .heading("6. Gate remote controls"),
        .item("1. The garage gate opens with a remote control. Each rented parking space comes with one "
            + "remote control; a second one costs EUR 25."),
        .item("2. Report a lost or stolen remote control to the manager on +421 2 5555 0100 at once so that "
            + "it can be blocked. A replacement costs EUR 25."),
        .item("3. The gate closes automatically 60 seconds after opening. Wait until it has closed behind "
            + "you so that no unauthorised person can slip in."),
        .item("4. Return the remote control to the manager when you give up your parking space."),
        .item("5. If the gate does not open, use the pedestrian door next to it, which opens with your "
            + "entrance key, and report the fault in the PPT app."),
        .heading("Contact"),
        .paragraph("Questions about the lifts and the garage: the manager, Mária Kováčová, on +421 2 5555 0100 "
            + "on working days from 8:00 to 15:00."),
    ])
}
