namespace Registry.Domain;

public enum ProgramKind
{
    Other,
    LightTank,
    ArmouredVehicle8x8,
    ArmouredVehicle4x4,
    ArmouredVehicleWheeled,
    UnmannedGroundVehicle,
    UnmannedAerialVehicle,
    CombatAircraft,
    TransportAircraft,
    NavalVessel,
    AmmunitionPlant,
    VehiclePlant,
    RepairFacility,
    Fund,
    Procurement,
}
