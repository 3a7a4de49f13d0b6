/** Name and address material for generated people (common Swedish names; no real person is meant). */

export const FEMALE_GIVEN_NAMES: readonly string[] = [
  'Alice', 'Maja', 'Vera', 'Elsa', 'Alma', 'Selma', 'Ella', 'Astrid', 'Ebba', 'Olivia', 'Freja', 'Signe', 'Stella',
  'Ellen', 'Agnes', 'Molly', 'Nora', 'Ines', 'Lilly', 'Juni', 'Tyra', 'Saga', 'Wilma', 'Klara', 'Ida', 'Hanna',
  'Emma', 'Sara', 'Linnea', 'Åsa', 'Karin', 'Anna', 'Lena', 'Sofia', 'Maria', 'Eva', 'Helena', 'Jenny', 'Malin',
  'Sanna', 'Therese', 'Camilla', 'Johanna', 'Emelie', 'Frida', 'Märta', 'Öllegård',
];

export const MALE_GIVEN_NAMES: readonly string[] = [
  'Noah', 'William', 'Hugo', 'Liam', 'Lucas', 'Oliver', 'Elias', 'Alexander', 'Adam', 'Charlie', 'Matteo', 'Leo',
  'Walter', 'Oscar', 'Frans', 'Theo', 'Vincent', 'Nils', 'Olle', 'Viktor', 'Axel', 'Isak', 'Ludvig', 'Arvid',
  'Johan', 'Lars', 'Per', 'Anders', 'Erik', 'Mikael', 'Magnus', 'Tobias', 'Jonas', 'Fredrik', 'Daniel', 'Henrik',
  'Mattias', 'Stefan', 'Peter', 'Ola', 'Gustav', 'Björn', 'Åke', 'Örjan',
];

export const FAMILY_NAMES: readonly string[] = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson',
  'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg',
  'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg',
  'Sjöberg', 'Ali', 'Wallin', 'Mohammed', 'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Håkansson', 'Björk',
  'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström',
  'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Nordström', 'Ek',
  'Hussein', 'Mårtensson', 'Lundström', 'Åberg', 'Öberg', 'Berg Lind',
];

export const STREET_NAMES: readonly string[] = [
  'Ekbacksvägen', 'Sjövägen', 'Tallmovägen', 'Storgatan', 'Kyrkogatan', 'Skolgatan', 'Björkvägen', 'Lärkvägen',
  'Hamngatan', 'Åvägen', 'Granstigen', 'Strandvägen', 'Parkvägen', 'Ängsvägen', 'Solvägen',
];

const PLAIN: Readonly<Record<string, string>> = { å: 'a', ä: 'a', ö: 'o', é: 'e', ' ': '-' };

/** `Åsa Öberg` → `asa.oberg`: e-mail local parts without diacritics or spaces. */
export function emailLocalPart(givenName: string, familyName: string): string {
  return `${givenName}.${familyName}`.toLowerCase().replace(/[åäöé ]/g, (character) => PLAIN[character] ?? character);
}
