"""Writes a canonical mentee table (the store's field names as headers, values already normalised)
as CSV (UTF-8, ';'): N rows, deterministic. Every mentee is a distinct person; mentors come from a
pool of N/50 names, so each mentor has a group of about 50 mentees (the realistic shape of a base)."""
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
rnd = random.Random(20250115)
last = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
        "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"]
first_m = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"]
first_f = ["Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Марина", "Полина", "Дарья", "Алиса"]
patr_m = ["Александрович", "Дмитриевич", "Сергеевич", "Андреевич", "Игоревич"]
patr_f = ["Александровна", "Дмитриевна", "Сергеевна", "Андреевна", "Игоревна"]
cats = ["gifted", "low_results", "disengaged", '"gifted;disengaged"']
forms = ["student_student", "university_student_student", "employer_student"]
requests = ["подготовка к олимпиаде", "помощь с математикой", "профориентация", "адаптация в коллективе", ""]
mentors = max(1, n // 50)

def name(i):
    f = i % 2 == 0
    ln = last[i % len(last)] + ("а" if f else "")
    fn = (first_f if f else first_m)[(i // 7) % 10]
    pn = (patr_f if f else patr_m)[(i // 13) % 5]
    # A number in the surname keeps 1,000,000 people distinct, as real bases of one region are.
    return f"{ln}{i} {fn} {pn}"

with open(out, "w", encoding="utf-8", newline="") as fh:
    fh.write("number;fullName;birthDate;className;personKind;phones;emails;menteeCategory;request;startDate;"
             "mentorName;mentorWorkplace;form;kinds;place;status;schoolYear\n")
    for i in range(n):
        y = 2007 + rnd.randrange(8)
        bd = f"{y}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
        cls = f"{5 + rnd.randrange(7)}{'АБВГ'[rnd.randrange(4)]}"
        phone = f"+79{rnd.randrange(10**9):09d}"
        email = f"pupil{i}@school.example.ru" if i % 3 == 0 else ""
        m = i % mentors
        mentor = f"Наставник{m} {first_m[m % 10]} {patr_m[m % 5]}"
        start = f"2024-{9 + (m % 3):02d}-01"
        fh.write(f"{i + 1};{name(i)};{bd};{cls};student;{phone};{email};{cats[i % 4]};{requests[i % 5]};{start};"
                 f"{mentor};МБОУ СОШ № {1 + m % 40};{forms[m % 3]};traditional;школа;active;2024/2025\n")
