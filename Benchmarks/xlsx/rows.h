/* The benchmark's rows: 13 Cyrillic text columns, built the same way as rows.py. */
#include <stdio.h>

static const char *HEADER[13] = {"ФИО", "Школа", "Класс", "Роль", "Телефон", "Почта", "Адрес", "Согласие",
                                 "Предметы", "Примечание", "Дата анкеты", "Активен", "Комментарий"};

/* Fills cols[0..12] (each buffer 160 bytes) for data row i (0-based). */
static void make_row(long i, char cols[13][160]) {
    static const char *roles[2] = {"наставник", "наставляемый"};
    static const char *consent[3] = {"Согласие получено", "Согласие не получено", "Отозвано"};
    static const char *letters[4] = {"А", "Б", "В", "Г"};
    snprintf(cols[0], 160, "Иванов-%ld Иван Иванович", i);
    snprintf(cols[1], 160, "Школа №%ld", i % 150);
    snprintf(cols[2], 160, "%ld «%s» класс", i % 11 + 1, letters[i % 4]);
    snprintf(cols[3], 160, "%s", roles[i % 2]);
    snprintf(cols[4], 160, "+7 (916) %03ld-%02ld-%02ld", i % 1000, (i / 1000) % 100, (i / 100000) % 100);
    snprintf(cols[5], 160, "ученик%ld@школа.рф", i);
    snprintf(cols[6], 160, "г. Москва, ул. Ленина, д. %ld", i % 500);
    snprintf(cols[7], 160, "%s", consent[i % 3]);
    snprintf(cols[8], 160, "Математика, физика, информатика");
    snprintf(cols[9], 160, "Примечание к строке номер %ld", i);
    snprintf(cols[10], 160, "%02ld.%02ld.%04ld", i % 28 + 1, i % 12 + 1, 2005 + i % 10);
    snprintf(cols[11], 160, "%s", i % 5 ? "Да" : "Нет");
    snprintf(cols[12], 160, "Комментарий наставника: всё хорошо, продолжаем работу");
}
